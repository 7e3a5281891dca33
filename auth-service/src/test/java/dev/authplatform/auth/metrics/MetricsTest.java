package dev.authplatform.auth.metrics;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics}: the counters an operator watches move with what happens (a login, a refresh token used twice,
 * a refused token), HTTP timings are kept per route template, and no label names a user, an email or a token.
 */
@MicronautTest(transactional = false)
class MetricsTest extends AuthServiceTest {

    @Test
    void countersMoveWithLoginsRefreshReuseAndRefusedTokens() {
        String email = "metered-" + UUID.randomUUID() + "@platform.test";
        Api.Response registered = api().register(email, "correct-horse-1");
        Scrape before = scrape();

        api().login(email, "wrong-horse-1");
        Api.Response login = api().login(email, "correct-horse-1");
        assertEquals(200, api().post("/auth/refresh", Api.json("refreshToken", login.refreshToken())).status());
        assertEquals(401, api().post("/auth/refresh", Api.json("refreshToken", login.refreshToken())).status());
        assertEquals(401, api().get("/auth/me", "not-a-token").status());
        assertEquals(401, api().get("/auth/me", login.accessToken()).status(), "its session ended with the reuse");

        Scrape after = scrape();
        assertEquals(1, increase(before, after, "authplatform_logins_total", Map.of("outcome", "success")));
        assertEquals(1, increase(before, after, "authplatform_logins_total", Map.of("outcome", "failure")));
        assertEquals(1, increase(before, after, "authplatform_refreshes_total", Map.of("outcome", "success")));
        assertEquals(1, increase(before, after, "authplatform_refreshes_total", Map.of("outcome", "reuse")));
        assertEquals(1, increase(before, after, "authplatform_tokens_issued_total", Map.of("grant", "password")));
        assertEquals(1, increase(before, after, "authplatform_tokens_issued_total", Map.of("grant", "refresh_token")));
        assertEquals(1, increase(before, after, "authplatform_revocations_total", Map.of("kind", "session")));
        assertEquals(1, increase(before, after, "authplatform_tokens_refused_total", Map.of("reason", "malformed")));
        assertEquals(1, increase(before, after, "authplatform_tokens_refused_total", Map.of("reason", "revoked")));
        assertEquals(1, increase(before, after, "authplatform_audit_events_total", Map.of("kind", "refresh-reuse", "outcome", "failure")));
        assertEquals(2, increase(before, after, "http_server_requests_seconds_count", Map.of("uri", "/auth/login", "method", "POST")));

        assertFalse(after.text().contains(registered.userId()), "no user id in a label");
        assertFalse(after.text().contains(email), "no email in a label");
        assertFalse(after.text().contains(login.refreshToken()) || after.text().contains(login.accessToken()), "no token");
    }

    @Test
    void theOperatorsGaugesAreThere() {
        Scrape now = scrape();
        assertEquals(1, now.value("authplatform_revocation_view_current", Map.of()));
        assertTrue(now.value("authplatform_revocation_view_staleness_seconds", Map.of()) < 2, "confirmed within the bound");
        assertTrue(now.text().contains("executor_queued_tasks{name=\"password_hashing\""), "the hashing queue's depth");
        assertTrue(now.text().contains("authplatform_password_hashing_rejected_total"));
        assertTrue(now.text().contains("hikaricp_connections_active"), "the database pool");
        assertTrue(now.text().contains("jvm_memory_used_bytes"), "the JVM");
        assertTrue(now.text().contains("cache_gets_total{cache=\"verified_tokens\""), "the verified-token cache");
    }

    private Scrape scrape() {
        return Scrape.of(api(), "/metrics", Map.of());
    }

    private static double increase(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
