package dev.authplatform.auth.throttle;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LoginThrottleTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.throttle.account-limit", "3",
                "auth.throttle.address-limit", "1000",
                "auth.throttle.initial-wait", "1s",
                "auth.throttle.max-wait", "2s");
    }

    @Test
    void repeatedFailuresForOneAccountGetTooManyRequestsWithRetryAfter() {
        String email = account();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, api().login(email, "wrong-horse-" + i).status());
        }

        Api.Response throttled = api().login(email, "correct-horse-1");

        assertEquals(429, throttled.status(), throttled.toString());
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) >= 1);
        assertTrue(throttled.header("Content-Type").startsWith("application/problem+json"));
    }

    @Test
    void theWaitIsBoundedAndTheRightPasswordWorksAfterIt() {
        String email = account();
        for (int i = 0; i < 6; i++) {
            api().login(email, "wrong-horse-" + i);
        }
        Api.Response throttled = api().login(email, "correct-horse-1");
        assertEquals(429, throttled.status());
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) <= 2, "max-wait caps the wait: " + throttled.header("Retry-After"));

        Poll.until(Duration.ofSeconds(5), "the wait to end", () -> api().login(email, "correct-horse-1").status() == 200);
    }

    @Test
    void aSuccessClearsTheAccountsCount() {
        String email = account();
        api().login(email, "wrong-horse-1");
        api().login(email, "wrong-horse-2");
        assertEquals(200, api().login(email, "correct-horse-1").status());

        api().login(email, "wrong-horse-3");
        api().login(email, "wrong-horse-4");

        assertEquals(200, api().login(email, "correct-horse-1").status(), "two failures after a success are under the limit");
    }

    @Test
    void otherAccountsAreNotThrottled() {
        String victim = account();
        for (int i = 0; i < 4; i++) {
            api().login(victim, "wrong-horse-" + i);
        }

        assertEquals(200, api().login(account(), "correct-horse-1").status());
    }

    private String account() {
        String email = "throttle-" + UUID.randomUUID() + "@platform.test";
        api().register(email, "correct-horse-1");
        return email;
    }
}
