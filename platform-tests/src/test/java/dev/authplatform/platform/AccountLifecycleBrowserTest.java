package dev.authplatform.platform;

import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import dev.authplatform.common.testing.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The account lifecycle from outside, as a new user goes through it, with the packaged services, a real SMTP server
 * (GreenMail, in this process) and a real browser ({@link Chromium}): register, confirm the address by the emailed
 * link, turn on a second factor, sign in to an app on the hosted page with a code, end another session from the list,
 * and reset a forgotten password by email, which signs out everywhere. Codes come from the test's own RFC 6238.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountLifecycleBrowserTest {

    private static final Duration ANNOUNCEMENT = Duration.ofMillis(500);

    private final int appPort = PlatformTestProperties.freePort();
    private Inbox inbox;
    private Platform platform;
    private DemoApp app;
    private Chromium browser;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Chromium.installed(), "Debian's chromium and chromium-driver are not installed here (.ci/run installs them)");
        inbox = Inbox.started();
        Map<String, String> environment = new HashMap<>();
        inbox.properties().forEach((name, value) -> environment.put(name.toUpperCase().replace('.', '_').replace('-', '_'), value));
        environment.put("AUTH_CORS_ALLOWED_ORIGINS", "http://localhost:" + appPort);
        platform = new Platform(TestInfrastructure.get().redisUri(), environment).start();
        app = new DemoApp(platform, "lifecycle-app", appPort);
        browser = new Chromium();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void registerVerifyEnableMfaSignInWithACodeEndAnotherSessionAndResetAForgottenPassword() throws Exception {
        Api auth = platform.authApi();
        Api resource = platform.resourceApi();
        String email = "lifecycle-" + UUID.randomUUID() + "@platform.test";

        // 1. Register, and confirm the address by the link in the email.
        Api.Response registered = auth.register(email, "correct-horse-1");
        browser.open(inbox.awaitMessage(email).link().toString());
        browser.click(By.cssSelector("button[type=submit]"));
        browser.waitForPageText("Address confirmed");
        assertEquals(true, auth.get("/auth/me", registered.accessToken()).json().get("emailVerified"));

        // 2. Turn on a second factor: the app's secret, a code to confirm, ten recovery codes.
        String secret = auth.post("/auth/mfa/totp", null, registered.accessToken()).string("secret");
        long step = Totp.step(Instant.now());
        Api.Response confirmed = auth.post("/auth/mfa/totp/confirm", json("code", Totp.code(secret, step)), registered.accessToken());
        assertEquals(200, confirmed.status(), confirmed.toString());
        List<Object> recoveryCodes = confirmed.list("recoveryCodes");

        // 3. Sign in to the app on the hosted page: the password, then a code.
        browser.open(app.origin() + "/");
        browser.click("signin");
        browser.type("email", email);
        browser.type("password", "correct-horse-1");
        assertTrue(browser.has(By.linkText("Forgot your password?")), "the sign-in page offers a reset");
        browser.click(By.cssSelector("button[type=submit]"));
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        browser.screenshot("signin-second-step.png");
        browser.type("code", Totp.code(secret, step + 1));
        browser.click(By.cssSelector("button[type=submit]"));
        browser.waitForText("user", "Signed in as " + email);
        String appToken = (String) browser.script("return JSON.parse(sessionStorage.getItem('tokens')).access_token");
        assertEquals(List.of("pwd", "otp"), SignedJWT.parse(appToken).getJWTClaimsSet().getStringListClaim("amr"));
        assertEquals(200, resource.get("/api/me", appToken).status());

        // 4. Another session (a phone, with a recovery code), ended from the list in the browser.
        String mfaToken = auth.login(email, "correct-horse-1").string("mfaToken");
        Api.Response phone = auth.post("/auth/login/mfa", json("mfaToken", mfaToken, "recoveryCode", recoveryCodes.getFirst()));
        assertEquals(200, phone.status(), phone.toString());
        String phoneSession = (String) SignedJWT.parse(phone.accessToken()).getJWTClaimsSet().getClaim("sid");
        browser.open(platform.issuer() + "/oauth2/sessions");
        browser.waitForPageText("Your sessions");
        browser.click(By.cssSelector("li[data-session='" + phoneSession + "'] button"));
        browser.waitForPageText("Your sessions");
        Poll.until(ANNOUNCEMENT, "resource-service to refuse the ended session's token",
                () -> resource.get("/api/me", phone.accessToken()).status() == 401);
        assertFalse(browser.has(By.cssSelector("li[data-session='" + phoneSession + "']")), "the ended session has left the list");
        assertEquals(200, resource.get("/api/me", appToken).status(), "the app's session goes on");

        // 5. A forgotten password, reset by the emailed link: every session ends, everywhere.
        browser.open(platform.issuer() + "/account/forgot-password");
        browser.type("email", email);
        browser.click(By.cssSelector("button[type=submit]"));
        browser.waitForPageText("Check your inbox");
        browser.open(inbox.awaitMessage(email, 2).link().toString());
        browser.type("password", "battery-staple-2");
        browser.type("confirm", "battery-staple-2");
        browser.click(By.cssSelector("button[type=submit]"));
        browser.waitForPageText("Password changed");
        Poll.until(ANNOUNCEMENT, "resource-service to refuse the app's token after the reset",
                () -> resource.get("/api/me", appToken).status() == 401);
        assertEquals(401, auth.login(email, "correct-horse-1").status());
        Api.Response withNewPassword = auth.login(email, "battery-staple-2");
        assertEquals("urn:authplatform:problem:mfa-required", withNewPassword.string("type"), "the second factor stays on");
    }
}
