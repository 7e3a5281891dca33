package dev.authplatform.common.testing;

import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for tests: real requests over loopback, JSON read with Nimbus' JSON utilities. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final HttpClient http;

    public Api(String base) {
        this(base, null);
    }

    /** A client for an HTTPS base that trusts what {@code tls} trusts (a development CA). */
    public Api(String base, javax.net.ssl.SSLContext tls) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = tls == null ? HTTP : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build();
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null, null, null);
    }

    public Response get(String path, String bearer) {
        return send("GET", path, null, null, bearer);
    }

    public Response post(String path, String json) {
        return send("POST", path, "application/json", json, null);
    }

    public Response post(String path, String json, String bearer) {
        return send("POST", path, json == null ? null : "application/json", json, bearer);
    }

    public Response put(String path, String json, String bearer) {
        return send("PUT", path, "application/json", json, bearer);
    }

    public Response send(String method, String path, String contentType, String body, String bearer) {
        return send(method, path, contentType, body, bearer, Map.of());
    }

    /** A request with headers of its own ({@code X-Request-Id}, {@code Authorization: Basic ...}). */
    public Response send(String method, String path, String contentType, String body, String bearer, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + base + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh account and returns the TokenResponse. */
    public Response register(String email, String password) {
        Response response = post("/auth/register", json("email", email, "password", password, "name", "Test User"));
        if (response.status() != 201) {
            throw new AssertionError("registration failed: " + response);
        }
        return response;
    }

    /** Registers an account with a unique address and returns the TokenResponse. */
    public Response registerSomeone() {
        return register("user-" + UUID.randomUUID() + "@platform.test", "correct-horse-1");
    }

    public Response login(String email, String password) {
        return post("/auth/login", json("email", email, "password", password));
    }

    /** A JSON object from alternating names and values. */
    public static String json(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSONObjectUtils.toJSONString(object);
    }

    /** One HTTP exchange's outcome. */
    public record Response(int status, HttpHeaders headers, String body) {

        public Map<String, Object> json() {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        /** The body as a JSON array (of objects, for the admin lists). */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> array() {
            try {
                return (List<Map<String, Object>>) (List<?>) com.nimbusds.jose.util.JSONArrayUtils.parse(body);
            } catch (ParseException e) {
                throw new AssertionError("not a JSON array: " + body, e);
            }
        }

        public String string(String name) {
            return (String) json().get(name);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> object(String name) {
            return (Map<String, Object>) json().get(name);
        }

        @SuppressWarnings("unchecked")
        public List<Object> list(String name) {
            return (List<Object>) json().get(name);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String accessToken() {
            return string("accessToken");
        }

        public String refreshToken() {
            return string("refreshToken");
        }

        public String userId() {
            return (String) object("user").get("id");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
