package dev.authplatform.platform;

import dev.authplatform.platform.RawHttp.Header;
import dev.authplatform.platform.ServiceOperations.Operation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generated hostile requests: an operation of a service, and one place in it (a path segment, a query or form
 * parameter, a JSON property, the body as a whole, the Content-Type, a header) that carries a hostile value, with
 * plausible values everywhere else, so that the request goes as deep as it can before it must be refused.
 * <p>
 * A request to an operation that changes state carries something it must refuse: text no input may hold (NUL, a control
 * character, a lone surrogate, possibly after thousands of characters), a value of the wrong JSON type, a body that is
 * not what its Content-Type says, a header the HTTP codec refuses. Odd but legal text (quotes, markup, very long
 * strings) goes only to operations that change nothing, and to the OAuth endpoints that answer it with a protocol error.
 */
final class HostileRequests {

    /** Where the hostile value goes. */
    enum Placement {
        PATH, QUERY, REPEATED_QUERY, MALFORMED_QUERY, JSON_PROPERTY, RAW_CONTROL_IN_JSON, JSON_WRONG_TYPE, MALFORMED_JSON,
        FORM_FIELD, REPEATED_FORM_FIELD, MALFORMED_FORM, REFUSED_CONTENT_TYPE, HEADER, ODD_TEXT
    }

    /**
     * Real values of the running platform, so that a request passes authentication and finds what it names: the
     * admin's token; another user and another client for the paths that name one (so that a request that wrongly got
     * through does not lock the admin out or unregister the client the OAuth requests use); that client's credentials.
     */
    record Fixture(String bearer, String userId, String pathClientId, String clientId, String clientSecret, String redirectUri) {
    }

    /** One request to generate: {@code pick} chooses among the names the placement can use. */
    record Probe(Operation operation, Placement placement, int pick, String value) {

        @Override
        public String toString() {
            return operation + " with " + placement + " " + visible(value);
        }
    }

    /** The request as bytes on the wire. */
    record Built(String method, String target, List<Header> headers, byte[] body) {

        @Override
        public String toString() {
            String text = body == null ? "" : visible(new String(body, StandardCharsets.ISO_8859_1));
            return method + " " + visible(target) + " " + headers.stream().map(h -> h.name() + ": "
                            + (h.value().startsWith("Bearer ey") ? "Bearer (the admin's token)" : visible(h.value()))).toList() + " " + (text.length() > 400 ? text.substring(0, 400) + "..." : text);
        }
    }

    private static final List<String> ODD_TEXT = List.of("\"x\"", "a\\b", "<script>alert(1)</script>", "%", "100%",
            "'; drop table users; --", "\u202Eevil", "\uD83D\uDD25", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd",
            " ", "", "a".repeat(10_000), "\uFFFD", "\uFEFFx", "a b+c&d=e");
    private static final List<String> REFUSED_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "multipart/form-data; boundary=x", "application/octet-stream", "image/png", "text/html; charset=utf-8");
    /** The first names of {@link ServiceOperations#FORM_AND_OAUTH_NAMES}, those that most form endpoints read. */
    private static final int CORE_FORM_NAMES = 11;
    private static final List<String> HEADERS = List.of("User-Agent", "X-Forwarded-For", "X-Request-Id", "Authorization",
            "Cookie", "Accept", "Origin", "Content-Type", "X-Anything");

    private HostileRequests() {
    }

    /** Operations are drawn more often the more inputs they read: those are where a hostile value can go deep. */
    static Arbitrary<Probe> probes(List<Operation> operations) {
        List<Tuple.Tuple2<Integer, Operation>> weighted = operations.stream()
                .map(operation -> Tuple.of(1 + operation.pathParameters().size() + Math.min(operation.queryParameters().size(), 3)
                        + operation.jsonFields().size() + (operation.form() ? 4 : 0), operation))
                .toList();
        return Arbitraries.frequency(weighted).flatMap(operation -> Arbitraries.of(placementsFor(operation))
                .flatMap(placement -> Combinators.combine(Arbitraries.integers().between(0, 9_999), valuesFor(placement))
                        .as((pick, value) -> new Probe(operation, placement, pick, value))));
    }

    private static List<Placement> placementsFor(Operation operation) {
        List<Placement> placements = new ArrayList<>(List.of(Placement.QUERY, Placement.MALFORMED_QUERY, Placement.HEADER));
        if (!operation.pathParameters().isEmpty()) {
            placements.addAll(List.of(Placement.PATH, Placement.PATH));
        }
        if (!operation.queryParameters().isEmpty()) {
            placements.add(Placement.REPEATED_QUERY);
        }
        if (!operation.jsonFields().isEmpty()) {
            // a value inside a property the body has goes deepest: drawn three times as often
            placements.addAll(List.of(Placement.JSON_PROPERTY, Placement.JSON_PROPERTY, Placement.JSON_PROPERTY,
                    Placement.RAW_CONTROL_IN_JSON, Placement.JSON_WRONG_TYPE, Placement.MALFORMED_JSON, Placement.REFUSED_CONTENT_TYPE));
        }
        if (operation.form()) {
            // likewise a value inside a form field
            placements.addAll(List.of(Placement.FORM_FIELD, Placement.FORM_FIELD, Placement.FORM_FIELD,
                    Placement.REPEATED_FORM_FIELD, Placement.MALFORMED_FORM, Placement.REFUSED_CONTENT_TYPE));
        }
        boolean answersOddTextWithAnError = operation.path().matches("/oauth2/(token|revoke|introspect|userinfo)");
        if ((!operation.changesState() || answersOddTextWithAnError) && (operation.form() || !operation.queryParameters().isEmpty())) {
            placements.add(Placement.ODD_TEXT);
        }
        return placements;
    }

    private static Arbitrary<String> valuesFor(Placement placement) {
        return switch (placement) {
            case HEADER -> textAround(Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'), Arbitraries.just('\u007f'))
                    // a line break would end the header rather than put a character in it; a tab is allowed (RFC 9110 5.5)
                    .filter(c -> c != '\r' && c != '\n' && c != '\t'));
            case RAW_CONTROL_IN_JSON -> textAround(Arbitraries.chars().range('\u0000', '\u001f'));
            case JSON_WRONG_TYPE -> Arbitraries.of("{}", "{\"a\":\"b\"}", "[[\"x\"]]", "[{}]", "[null]",
                    "[" + "[".repeat(3000) + "]".repeat(3000) + "]");
            case MALFORMED_JSON -> Arbitraries.of("{", "{\"a\":", "[]", "null", "12", "\"x\"", "{\"a\":1}{\"b\":2}", "{'a':1}",
                    "{\"a\":\"\\ud800\\u0000\"", "\u00ff\u00fe{}", "{\"a\":\"\\uZZZZ\"}", "[".repeat(5000) + "]".repeat(5000));
            case MALFORMED_QUERY, MALFORMED_FORM -> Arbitraries.of("%zz", "%", "%0", "%%00", "%00", "a%00b", "%C0%80%00", "%0D%0A");
            case REFUSED_CONTENT_TYPE -> Arbitraries.of(REFUSED_CONTENT_TYPES);
            case ODD_TEXT -> Arbitraries.of(ODD_TEXT);
            default -> mustRefuseText();
        };
    }

    /** Text no input may hold: mostly NUL (what PostgreSQL cannot store), else a control character or a lone surrogate. */
    private static Arbitrary<String> mustRefuseText() {
        return textAround(Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.just('\u0000')),
                Tuple.of(4, Arbitraries.chars().range('\u0001', '\u001f')),
                Tuple.of(1, Arbitraries.just('\u007f')),
                Tuple.of(2, Arbitraries.chars().range('\u0080', '\u009f')),
                Tuple.of(3, Arbitraries.chars().range('\uD800', '\uDFFF'))));
    }

    private static Arbitrary<String> textAround(Arbitrary<Character> hostile) {
        // mostly the character alone, which goes inside a plausible value; sometimes after thousands of others
        Arbitrary<String> before = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.strings().alpha().numeric().ofMaxLength(12)),
                Tuple.of(1, Arbitraries.integers().between(1_000, 20_000).map("a"::repeat)),
                Tuple.of(1, Arbitraries.of("\"", "\\", "x@example.com")));
        Arbitrary<String> after = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.strings().alpha().ofMaxLength(8)), Tuple.of(1, Arbitraries.of("\"", "@example.com")));
        return Combinators.combine(before, hostile, after).as((b, c, a) -> b + c + a);
    }

    static Built build(Probe probe, Fixture fixture, boolean withBearer) {
        Operation operation = probe.operation();
        Placement placement = probe.placement();
        List<Header> headers = new ArrayList<>();
        if (withBearer) {
            headers.add(new Header("Authorization", "Bearer " + fixture.bearer()));
        }

        String path = operation.path();
        for (int i = 0; i < operation.pathParameters().size(); i++) {
            String name = operation.pathParameters().get(i);
            boolean hostile = placement == Placement.PATH && probe.pick() % operation.pathParameters().size() == i;
            path = path.replace("{" + name + "}", percentEncoded(hostile ? within(plausible(name, fixture), probe) : plausible(name, fixture)));
        }

        List<String> query = new ArrayList<>();
        if (!operation.form() || operation.method().equals("GET")) {
            for (String name : operation.queryParameters()) {
                query.add(name + "=" + percentEncoded(plausible(name, fixture)));
            }
        }
        switch (placement) {
            case QUERY -> {
                String name = pickName(probe, operation.queryParameters(), "anything");
                query.add(name + "=" + percentEncoded(within(plausible(name, fixture), probe)));
            }
            case REPEATED_QUERY -> {
                String name = pickName(probe, operation.queryParameters(), "anything");
                query.add(name + "=" + percentEncoded(within(plausible(name, fixture), probe)));
            }
            case MALFORMED_QUERY -> query.add(pickName(probe, operation.queryParameters(), "anything") + "=" + probe.value());
            case ODD_TEXT -> {
                if (!operation.form()) {
                    String name = pickName(probe, operation.queryParameters(), "anything");
                    query.removeIf(pair -> pair.startsWith(name + "="));
                    query.add(name + "=" + percentEncoded(probe.value()));
                }
            }
            default -> {
            }
        }
        if (placement == Placement.QUERY || placement == Placement.MALFORMED_QUERY) {
            // the hostile value replaces the plausible one, so that the parameter is not also sent twice
            String last = query.getLast();
            String name = last.substring(0, last.indexOf('='));
            query.removeIf(pair -> pair.startsWith(name + "=") && pair != last);
        }
        String target = query.isEmpty() ? path : path + "?" + String.join("&", query);

        byte[] body = null;
        String contentType = null;
        if (!operation.jsonFields().isEmpty()) {
            contentType = "application/json";
            body = jsonBody(probe, fixture);
        } else if (operation.form() && !operation.method().equals("GET")) {
            contentType = "application/x-www-form-urlencoded";
            body = formBody(probe, fixture);
        }
        if (placement == Placement.REFUSED_CONTENT_TYPE) {
            contentType = probe.value();
        }
        if (contentType != null) {
            headers.add(new Header("Content-Type", contentType));
        }
        if (placement == Placement.HEADER) {
            String name = HEADERS.get(probe.pick() % HEADERS.size());
            headers.removeIf(h -> h.name().equalsIgnoreCase(name));
            headers.add(new Header(name, latin1(probe.value())));
        }
        return new Built(operation.method(), target, List.copyOf(headers), body);
    }

    private static byte[] jsonBody(Probe probe, Fixture fixture) {
        Operation operation = probe.operation();
        if (probe.placement() == Placement.MALFORMED_JSON) {
            return probe.value().getBytes(StandardCharsets.ISO_8859_1);
        }
        List<String> names = new ArrayList<>(operation.jsonFields().keySet());
        List<String> required = names.stream().filter(operation.required()::contains).toList();
        Map<String, String> members = new LinkedHashMap<>();
        names.forEach(name -> members.put(name, plausibleJson(name, operation.jsonFields().get(name), fixture)));
        switch (probe.placement()) {
            case JSON_PROPERTY -> {
                // a property of the body's own, or one it does not know
                String name = probe.pick() % (names.size() + 1) == names.size() ? "unknown" : names.get(probe.pick() % names.size());
                members.put(name, jsonString(within(plausibleText(name, fixture), probe), false));
            }
            case RAW_CONTROL_IN_JSON -> {
                String name = names.get(probe.pick() % names.size());
                members.put(name, jsonString(within(plausibleText(name, fixture), probe), true));
            }
            case JSON_WRONG_TYPE -> {
                // in a property the body must have: an optional one may be null, and a wrong value there could be ignored
                List<String> candidates = required.isEmpty() ? names : required;
                String name = candidates.get(probe.pick() % candidates.size());
                members.put(name, "array".equals(operation.jsonFields().get(name)) ? arrayWrongType(probe) : probe.value());
            }
            default -> {
            }
        }
        String json = members.entrySet().stream().map(e -> jsonString(e.getKey(), false) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return wtf8(json);
    }

    private static String arrayWrongType(Probe probe) {
        List<String> wrong = List.of("\"" + "admin" + "\"", "{}", "12", "true", "[{}]", "[[\"x\"]]", "[null]");
        return wrong.get(probe.pick() % wrong.size());
    }

    private static byte[] formBody(Probe probe, Fixture fixture) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : ServiceOperations.FORM_AND_OAUTH_NAMES) {
            if (probe.pick() % 3 != 0 || name.equals("grant_type") || name.equals("client_id")) {
                fields.put(name, percentEncoded(plausible(name, fixture)));
            }
        }
        // half of the time one of the names most endpoints read, so that each is tried often
        List<String> names = ServiceOperations.FORM_AND_OAUTH_NAMES;
        String name = probe.pick() % 2 == 0 ? names.get(probe.pick() / 2 % CORE_FORM_NAMES) : names.get(probe.pick() / 2 % names.size());
        String form = switch (probe.placement()) {
            case FORM_FIELD -> {
                fields.put(name, percentEncoded(within(plausible(name, fixture), probe)));
                yield join(fields);
            }
            case ODD_TEXT -> {
                fields.put(name, percentEncoded(probe.value()));
                yield join(fields);
            }
            case REPEATED_FORM_FIELD -> join(fields) + "&" + name + "=" + percentEncoded(within(plausible(name, fixture), probe));
            case MALFORMED_FORM -> {
                fields.put(name, probe.value());
                yield join(fields);
            }
            default -> join(fields);
        };
        return form.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String join(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    /**
     * The hostile text inside the plausible value, at a place {@code pick} chooses: everything about the value is right
     * but that, so that it passes the endpoint's own checks and goes as far as a lenient service would let it.
     */
    private static String within(String plausible, Probe probe) {
        // a third of the time after the first character, where it keeps an email address's shape
        int at = probe.pick() % 3 == 0 ? Math.min(1, plausible.length()) : probe.pick() % (plausible.length() + 1);
        return plausible.substring(0, at) + probe.value() + plausible.substring(at);
    }

    private static String pickName(Probe probe, List<String> names, String otherwise) {
        int choice = probe.pick() % (names.size() + 1);
        return choice == names.size() ? otherwise : names.get(choice);
    }

    /** A value that passes every check of its own, so that the request reaches as far as the hostile part lets it. */
    private static String plausible(String name, Fixture fixture) {
        return switch (name) {
            case "clientId" -> fixture.pathClientId();
            case "client_id", "client" -> fixture.clientId();
            case "client_secret" -> fixture.clientSecret();
            case "id", "user" -> fixture.userId();
            case "redirect_uri", "post_logout_redirect_uri" -> fixture.redirectUri();
            case "grant_type" -> "client_credentials";
            case "response_type" -> "code";
            case "scope" -> "openid";
            case "code_challenge_method" -> "S256";
            case "code_challenge" -> "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
            case "page" -> "0";
            case "size" -> "10";
            case "kind" -> "login";
            case "order" -> "newest";
            case "from" -> "2020-01-01T00:00:00Z";
            case "to" -> "2100-01-01T00:00:00Z";
            case "email" -> "fuzz@example.com";
            case "password" -> "plausible-password-1";
            case "decision" -> "allow";
            default -> "x";
        };
    }

    private static String plausibleJson(String name, String type, Fixture fixture) {
        return switch (type) {
            case "array" -> "roles".equals(name) || "requiredForRoles".equals(name) ? "[\"auditor\"]" : "[\"client_credentials\"]";
            case "boolean" -> "false";
            case "integer", "number" -> "1";
            case "object", "null" -> "null";
            default -> jsonString(plausibleText(name, fixture), false);
        };
    }

    private static String plausibleText(String name, Fixture fixture) {
        return switch (name) {
            case "email" -> "fuzz@example.com";
            case "password", "currentPassword", "newPassword" -> "plausible-password-1";
            case "type" -> "confidential";
            case "clientId" -> "fuzz-client";
            case "roles", "requiredForRoles" -> "auditor";
            case "grantTypes" -> "client_credentials";
            default -> plausible(name, fixture);
        };
    }

    /** A JSON string: control characters and lone surrogates as {@code \}{@code uXXXX} escapes, or left raw (malformed JSON). */
    private static String jsonString(String text, boolean rawControls) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if ((c < 0x20 && !rawControls) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Percent-encoding of every byte but the unreserved ones; a lone surrogate becomes the three bytes it would be. */
    static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : wtf8(text)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** UTF-8, but a lone surrogate is encoded as if it were a code point (what a careless client sends; not UTF-8). */
    static byte[] wtf8(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    /** A header's value as the bytes of its UTF-8 form, each sent as one ISO-8859-1 character. */
    private static String latin1(String text) {
        return new String(wtf8(text), StandardCharsets.ISO_8859_1);
    }

    /** For a failure's message: every character outside printable ASCII as an escape, long runs shortened. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString().replaceAll("(.)\\1{19,}", "$1$1$1…");
    }
}
