package dev.authplatform.auth.metrics;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code auth.metrics.path} moves the metrics and {@code auth.metrics.password} protects them with HTTP Basic. */
@MicronautTest(transactional = false)
class ProtectedMetricsTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.metrics.path", "/internal/prometheus", "auth.metrics.password", "scrape-secret-1");
    }

    @Test
    void onlyAScrapeWithThePasswordGetsThem() {
        assertEquals(404, api().get("/metrics").status(), "moved");
        Api.Response anonymous = api().get("/internal/prometheus");
        assertEquals(401, anonymous.status());
        assertEquals("Basic realm=\"metrics\"", anonymous.header("WWW-Authenticate"));
        assertEquals(401, api().send("GET", "/internal/prometheus", null, null, null, basic("prometheus:wrong-secret")).status());

        Scrape scrape = Scrape.of(api(), "/internal/prometheus", basic("prometheus:scrape-secret-1"));
        assertTrue(scrape.text().contains("authplatform_revocation_view_current"));
    }

    private static Map<String, String> basic(String pair) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
}
