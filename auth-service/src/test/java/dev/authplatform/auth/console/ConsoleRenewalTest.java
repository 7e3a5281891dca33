package dev.authplatform.auth.console;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A console's access token expires (here after two seconds, with no leeway): the next page view renews it with the
 * single-use refresh token, without the sign-in page, and lands on the page asked for. The old refresh token, used
 * again, is a reuse: the session ends and the console signs in from the start.
 */
@MicronautTest(transactional = false)
class ConsoleRenewalTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.tokens.access-ttl", "2s", "auth.clock-skew", "0s");
    }

    @Test
    void anExpiredConsoleTokenIsRenewedByItsRefreshTokenAndAReplayedRefreshTokenEndsTheSession() {
        ConsoleBrowser admin = new ConsoleBrowser(api().base());
        admin.signInTo("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        String firstAccess = admin.cookie("/console", "authplatform_console");
        String firstRefresh = admin.cookie("/console", "authplatform_console_refresh");

        Poll.until(Duration.ofSeconds(5), "the console's access token to expire", () -> admin.get("/console/users").statusCode() == 303);
        HttpResponse<String> renewed = admin.get("/console/renew?next=%2Fconsole%2Fusers");

        assertEquals(303, renewed.statusCode());
        assertEquals("/console/users", renewed.headers().firstValue("Location").orElseThrow(), "back to the page, no sign-in");
        assertNotEquals(firstAccess, admin.cookie("/console", "authplatform_console"));
        assertNotEquals(firstRefresh, admin.cookie("/console", "authplatform_console_refresh"), "the refresh token is single use");
        HttpResponse<String> page = admin.get("/console/users");
        assertEquals(200, page.statusCode());

        admin.setCookie("/console", "authplatform_console_refresh", firstRefresh);
        HttpResponse<String> replayed = admin.get("/console/renew?next=%2Fconsole");
        assertEquals(303, replayed.statusCode());
        assertTrue(replayed.headers().firstValue("Location").orElseThrow().startsWith("/oauth2/authorize?"), "a new sign-in");
        assertEquals(303, admin.get("/console/users").statusCode(), "the renewed token's session ended with the reuse");
    }
}
