package dev.authplatform.platform;

import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo single-page app in a real browser ({@link Chromium}): served from two origins of its own as two registered
 * apps, it signs a user in on the hosted page with code + PKCE, calls resource-service across origins (CORS),
 * refreshes, lets the second app sign in by SSO without the password, and signs out, which ends the second app's
 * session too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSignInTest {

    private final int firstPort = PlatformTestProperties.freePort();
    private final int secondPort = PlatformTestProperties.freePort();
    private Platform platform;
    private DemoApp firstApp;
    private DemoApp secondApp;
    private Chromium browser;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Chromium.installed(), "Debian's chromium and chromium-driver are not installed here (.ci/run installs them)");
        String origins = "http://localhost:" + firstPort + ",http://localhost:" + secondPort;
        platform = new Platform(dev.authplatform.common.testing.TestInfrastructure.get().redisUri(),
                Map.of("AUTH_CORS_ALLOWED_ORIGINS", origins)).start();
        firstApp = new DemoApp(platform, "demo-one", firstPort);
        secondApp = new DemoApp(platform, "demo-two", secondPort);
        browser = new Chromium();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (firstApp != null) {
            firstApp.close();
        }
        if (secondApp != null) {
            secondApp.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void signInCallTheApisRefreshSignInElsewhereBySsoAndSignOut() throws IOException {
        String email = "browser-" + UUID.randomUUID() + "@platform.test";
        platform.authApi().register(email, "correct-horse-1");

        // 1. The first app sends the browser to the hosted page; the user signs in there, never on the app.
        browser.open(firstApp.origin() + "/");
        browser.click("signin");
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertTrue(browser.url().startsWith(platform.issuer() + "/oauth2/authorize"), browser.url());
        browser.screenshot("signin-page.png");
        browser.type("email", email);
        browser.type("password", "correct-horse-1");
        browser.click(By.cssSelector("button[type=submit]"));

        // 2. Back on the app, signed in, with both APIs answering across origins.
        browser.waitForText("user", "Signed in as " + email);
        browser.waitForText("me", "200");
        assertTrue(browser.text("me").contains(email), browser.text("me"));
        browser.waitForText("reports", "Sign-ins this week");

        // 3. Refresh.
        browser.click("refresh");
        browser.waitForText("status", "Tokens refreshed.");
        browser.waitForText("me", "200");

        // 4. The second app signs the same browser in without the password (single sign-on).
        browser.open(secondApp.origin() + "/");
        browser.click("signin");
        browser.waitForText("user", "Signed in as " + email);
        String secondAppToken = (String) browser.script("return JSON.parse(sessionStorage.getItem('tokens')).access_token");
        assertEquals(200, platform.resourceApi().get("/api/me", secondAppToken).status());

        // 5. Signing out in the first app ends the sign-in session and every session it started, at every verifier.
        browser.open(firstApp.origin() + "/");
        browser.waitForText("user", "Signed in as " + email);
        browser.click("signout");
        browser.waitForText("status", "Signed out.");
        Poll.until(Duration.ofMillis(500), "resource-service to refuse the second app's token after sign-out",
                () -> platform.resourceApi().get("/api/me", secondAppToken).status() == 401);

        // 6. Signing in again needs the password.
        browser.click("signin");
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
    }
}
