package dev.authplatform.auth.metrics;

import dev.authplatform.common.testing.Api;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One scrape of the Prometheus text, read the way Prometheus reads it: a sample by name and labels. */
record Scrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);

    static Scrape of(Api api, String path, Map<String, String> headers) {
        Api.Response response = api.send("GET", path, null, null, null, headers);
        assertEquals(200, response.status(), response.body());
        return new Scrape(response.body());
    }

    /** The sample's value; every given label must match (others may be there too); 0 when there is none. */
    double value(String name, Map<String, String> labels) {
        Matcher matcher = SAMPLE.matcher(text);
        double sum = 0;
        while (matcher.find()) {
            if (!matcher.group(1).equals(name)) {
                continue;
            }
            String found = matcher.group(2) == null ? "" : matcher.group(2);
            if (labels.entrySet().stream().allMatch(label -> found.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                sum += Double.parseDouble(matcher.group(3));
            }
        }
        return sum;
    }
}
