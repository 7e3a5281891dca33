package dev.authplatform.auth.console;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Totp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code auth.mfa.required-for-roles: admin}: the admin console signs in like any application, so an admin who signed
 * in with the password alone holds no admin role there and is refused; with the second factor, the console opens.
 */
@MicronautTest(transactional = false)
class ConsoleMfaPolicyTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.mfa.required-for-roles", "admin");
    }

    @Test
    void theAdminConsoleNeedsTheSecondFactorThePolicyRequires() {
        ConsoleBrowser passwordOnly = new ConsoleBrowser(api().base());
        passwordOnly.signInTo("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        HttpResponse<String> refused = passwordOnly.get("/console/users");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Administrators only"));

        Api.Response api = api().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        String secret = api().post("/auth/mfa/totp", null, api.accessToken()).string("secret");
        long step = Totp.step(Instant.now());
        assertEquals(200, api().post("/auth/mfa/totp/confirm", json("code", Totp.code(secret, step)), api.accessToken()).status());

        ConsoleBrowser withCode = new ConsoleBrowser(api().base());
        withCode.signInTo("/console", PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD,
                Totp.code(secret, Math.max(step + 1, Totp.step(Instant.now()))));
        assertEquals(200, withCode.get("/console/users").statusCode(), "with the second factor the console opens");
    }
}
