package dev.authplatform.common.testing;

import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A served OpenAPI document, read as YAML: its version and the operations it lists ({@code "GET /auth/me"}). */
public record OpenApiDocument(String openapi, Set<String> operations) {

    @SuppressWarnings("unchecked")
    public static OpenApiDocument parse(String yaml) {
        Map<String, Object> document = new Yaml().load(yaml);
        Set<String> operations = new LinkedHashSet<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(key -> Set.of("get", "post", "put", "delete", "patch").contains(key))
                .forEach(method -> operations.add(method.toUpperCase() + " " + normalized(path))));
        return new OpenApiDocument(String.valueOf(document.get("openapi")), operations);
    }

    /** Path parameters by position, not by name: {@code /admin/users/{id}} and {@code /admin/users/{userId}} are one path. */
    public static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
