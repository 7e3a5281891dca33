package dev.authplatform.auth.web;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With no trusted proxy (the default), {@code X-Forwarded-For} and {@code Forwarded} are whatever the client wrote:
 * they are ignored, so a password guesser cannot spread its failures over invented addresses.
 */
@MicronautTest(transactional = false)
class UntrustedForwardedHeadersTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.throttle.address-limit", "3", "auth.throttle.account-limit", "100");
    }

    @Test
    void invented_addresses_are_ignored_by_the_audit_trail_and_the_throttle() {
        String email = "spoofer-" + UUID.randomUUID() + "@platform.test";
        String user = api().register(email, "correct-horse-1").userId();
        String admin = loginAsAdmin().accessToken(); // before loopback itself is made to wait
        assertEquals(401, login(email, Map.of("X-Forwarded-For", "203.0.113.1")).status());
        assertEquals(401, login(email, Map.of("Forwarded", "for=203.0.113.2")).status());
        assertEquals(401, login(email, Map.of("X-Forwarded-For", "203.0.113.3")).status());

        Api.Response fourth = login(email, Map.of("X-Forwarded-For", "203.0.113.4"));
        assertEquals(429, fourth.status(), "all four came from one address: " + fourth);
        for (Object event : api().get("/admin/audit?user=" + user + "&kind=login", admin).list("content")) {
            assertEquals("127.0.0.1", ((Map<?, ?>) event).get("address"), event.toString());
        }
    }

    private Api.Response login(String email, Map<String, String> headers) {
        return api().send("POST", "/auth/login", "application/json", Api.json("email", email, "password", "wrong-horse-1"), null, headers);
    }
}
