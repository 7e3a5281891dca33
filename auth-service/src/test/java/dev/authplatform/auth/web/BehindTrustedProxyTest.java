package dev.authplatform.auth.web;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Behind a load balancer ({@code auth.proxies.trusted} names it, here loopback): the client address the throttle and
 * the audit trail see is the one the proxy reports, read from the right so a client cannot choose it by sending a
 * header of its own.
 */
@MicronautTest(transactional = false)
class BehindTrustedProxyTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.proxies.trusted", "127.0.0.1,::1", "auth.throttle.address-limit", "3",
                "auth.throttle.account-limit", "100");
    }

    @Test
    void theAuditTrailRecordsTheAddressTheProxyReports() {
        assertEquals("203.0.113.7", addressRecordedFor(Map.of("X-Forwarded-For", "203.0.113.7")));
        assertEquals("203.0.113.8", addressRecordedFor(Map.of("Forwarded", "for=203.0.113.8;proto=https;by=10.0.0.1")));
        assertEquals("0:0:0:0:0:0:0:1", addressRecordedFor(Map.of("Forwarded", "for=\"[::1]:4711\", for=127.0.0.1")),
                "IPv6 in brackets with a port; every hop trusted: the leftmost");
    }

    @Test
    void aForgedLeftmostHopIsNotBelieved() {
        // the client sent "192.0.2.66"; the trusted proxy appended the address it saw
        assertEquals("198.51.100.9", addressRecordedFor(Map.of("X-Forwarded-For", "192.0.2.66, 198.51.100.9")));
        assertEquals("198.51.100.10", addressRecordedFor(Map.of("X-Forwarded-For", "192.0.2.66, 198.51.100.10, 127.0.0.1")),
                "trusted hops on the right are skipped");
        assertEquals("127.0.0.1", addressRecordedFor(Map.of("X-Forwarded-For", "unknown")), "not an address: the proxy itself");
    }

    @Test
    void eachRealClientIsThrottledOnItsOwn() {
        Map<String, String> guesser = Map.of("X-Forwarded-For", "198.51.100.20");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, failedLogin(guesser).status());
        }
        Api.Response throttled = failedLogin(guesser);
        assertEquals(429, throttled.status(), throttled.toString());
        assertEquals(401, failedLogin(Map.of("X-Forwarded-For", "198.51.100.21")).status(),
                "another client behind the same load balancer is not held back");
    }

    private Api.Response failedLogin(Map<String, String> headers) {
        String body = Api.json("email", "nobody-" + UUID.randomUUID() + "@platform.test", "password", "wrong-horse-1");
        return api().send("POST", "/auth/login", "application/json", body, null, headers);
    }

    /** The address of the audit event a failed login with these headers left. */
    private String addressRecordedFor(Map<String, String> headers) {
        String email = "proxied-" + UUID.randomUUID() + "@platform.test";
        String user = api().register(email, "correct-horse-1").userId();
        String body = Api.json("email", email, "password", "wrong-horse-1");
        assertEquals(401, api().send("POST", "/auth/login", "application/json", body, null, headers).status());
        String admin = loginAsAdmin().accessToken();
        return (String) ((Map<?, ?>) api().get("/admin/audit?user=" + user + "&kind=login", admin).list("content").getFirst()).get("address");
    }
}
