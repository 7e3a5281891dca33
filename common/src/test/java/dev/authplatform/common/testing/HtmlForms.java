package dev.authplatform.common.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The hosted pages' forms as a test posts them: their hidden fields read back, and a form body encoded. */
public final class HtmlForms {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\"");

    private HtmlForms() {
    }

    /** The hidden fields of the page's form, unescaped. */
    public static Map<String, String> hiddenFields(String html) {
        Matcher matcher = HIDDEN.matcher(html);
        Map<String, String> fields = new HashMap<>();
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">"));
        }
        return fields;
    }

    /** {@code application/x-www-form-urlencoded}. */
    public static String urlEncoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
