package dev.authplatform.auth.web;

import dev.authplatform.auth.support.AuthServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configured origin may call the token endpoint from a browser; any other origin may not; never with credentials. */
@MicronautTest(transactional = false)
class CorsTest extends AuthServiceTest {

    private static final String APP = "http://app.example:8082";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.cors.allowed-origins", APP);
    }

    @Test
    void theConfiguredOriginsPreflightIsAnsweredAndCached() throws Exception {
        HttpResponse<String> preflight = preflight(APP, "/oauth2/token");

        assertEquals(200, preflight.statusCode(), preflight.body());
        assertEquals(APP, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("3600", preflight.headers().firstValue("Access-Control-Max-Age").orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Credentials").isEmpty(), "never with credentials");
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> preflight = preflight("http://evil.example", "/oauth2/token");
        HttpResponse<String> simple = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api().base() + "/.well-known/jwks.json"))
                .header("Origin", "http://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), preflight.headers().toString());
        assertTrue(simple.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    private HttpResponse<String> preflight(String origin, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api().base() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
