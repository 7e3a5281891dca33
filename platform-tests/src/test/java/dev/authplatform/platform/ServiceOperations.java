package dev.authplatform.platform;

import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations a service serves, read from the OpenAPI document it serves, with the inputs each one reads: path
 * and query parameters, and the top-level properties of a JSON body. The OAuth endpoints and the hosted pages' forms
 * are documented without their parameters (the Nimbus SDK and the pages read them), so {@link #FORM_AND_OAUTH_NAMES}
 * stands for them: every parameter name of the OAuth and OpenID requests the platform parses, and every field of its
 * hosted forms.
 */
record ServiceOperations(String service, List<Operation> operations) {

    /** RFC 6749, 7009, 7636, 7662, 8707, OIDC Core and RP-Initiated Logout parameters, and the hosted forms' fields. */
    static final List<String> FORM_AND_OAUTH_NAMES = List.of("grant_type", "client_id", "client_secret", "code",
            "refresh_token", "token", "scope", "redirect_uri", "csrf", "email", "password",
            "code_verifier", "client_assertion", "client_assertion_type", "resource", "token_type_hint", "access_token",
            "response_type", "state", "nonce", "prompt", "max_age", "code_challenge", "code_challenge_method", "login_hint",
            "id_token_hint", "post_logout_redirect_uri", "request", "challenge", "decision", "confirm", "session");

    /**
     * @param jsonFields a JSON body's top-level properties and their types ({@code string}, {@code array}, ...)
     * @param required   those the body must have
     * @param form       whether it reads a form body ({@link #FORM_AND_OAUTH_NAMES})
     */
    record Operation(String method, String path, List<String> pathParameters, List<String> queryParameters,
                     Map<String, String> jsonFields, Set<String> required, boolean form) {

        boolean changesState() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @SuppressWarnings("unchecked")
    static ServiceOperations parse(String service, String yaml) {
        Map<String, Object> document = new Yaml().load(yaml);
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of());
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.forEach((method, value) -> {
            if (!Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            List<String> pathParameters = new ArrayList<>();
            List<String> queryParameters = new ArrayList<>();
            for (Map<String, Object> parameter : (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of())) {
                ("path".equals(parameter.get("in")) ? pathParameters : queryParameters).add((String) parameter.get("name"));
            }
            Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) operation.getOrDefault("requestBody", Map.of()))
                    .getOrDefault("content", Map.of());
            Map<String, String> jsonFields = new LinkedHashMap<>();
            Set<String> required = Set.of();
            if (content.get("application/json") instanceof Map<?, ?> json
                    && ((Map<String, Object>) json).get("schema") instanceof Map<?, ?> schema
                    && schema.get("$ref") instanceof String ref) {
                Map<String, Object> body = (Map<String, Object>) schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
                ((Map<String, Map<String, Object>>) body.getOrDefault("properties", Map.of()))
                        .forEach((name, property) -> jsonFields.put(name, typeOf(property.get("type"))));
                required = Set.copyOf((List<String>) body.getOrDefault("required", List.of()));
            }
            boolean oauth = path.startsWith("/oauth2/");
            boolean form = content.containsKey("application/x-www-form-urlencoded") || (oauth && method.equals("post"));
            if (oauth && method.equals("get")) {
                queryParameters.addAll(FORM_AND_OAUTH_NAMES);
            }
            operations.add(new Operation(method.toUpperCase(), path, List.copyOf(pathParameters), List.copyOf(queryParameters),
                    Map.copyOf(jsonFields), required, form));
        }));
        return new ServiceOperations(service, List.copyOf(operations));
    }

    /** The first type that is not {@code null}: the OpenAPI generator lists nullable types as {@code [string, null]}. */
    private static String typeOf(Object type) {
        if (type instanceof List<?> types) {
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("null");
        }
        return String.valueOf(type);
    }
}
