package dev.authplatform.common.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body and status of {@code GET /health}: {@code {"status": "UP", "<component>": "UP", ...}} with 200 when every
 * component is up, else status DOWN with 503 and Retry-After (load balancers and compose healthchecks read the code).
 */
public final class HealthResponse {

    private HealthResponse() {
    }

    /** Components in the order given, each up or not. */
    public static HttpResponse<Map<String, String>> of(Map<String, Boolean> components) {
        boolean up = components.values().stream().allMatch(Boolean::booleanValue);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        components.forEach((name, componentUp) -> body.put(name, componentUp ? "UP" : "DOWN"));
        if (up) {
            return HttpResponse.ok(body);
        }
        return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(body);
    }
}
