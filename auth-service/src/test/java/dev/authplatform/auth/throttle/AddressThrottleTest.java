package dev.authplatform.auth.throttle;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Failures spread over many accounts from one address are throttled by the address's own count. */
@MicronautTest(transactional = false)
class AddressThrottleTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.throttle.account-limit", "1000", "auth.throttle.address-limit", "3");
    }

    @Test
    void oneAddressGuessingAcrossAccountsGetsTooManyRequests() {
        String real = "real-" + UUID.randomUUID() + "@platform.test";
        api().register(real, "correct-horse-1");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, api().login("nobody-" + i + "-" + UUID.randomUUID() + "@platform.test", "guess-" + i).status());
        }

        Api.Response throttled = api().login(real, "correct-horse-1");

        assertEquals(429, throttled.status(), throttled.toString());
        assertNotNull(throttled.header("Retry-After"));
    }
}
