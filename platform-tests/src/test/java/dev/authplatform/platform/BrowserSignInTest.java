package dev.authplatform.platform;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo single-page app in a real browser (Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver; nothing is downloaded): served from two origins of its own as two registered apps, it signs a user in
 * on the hosted page with code + PKCE, calls resource-service across origins (CORS), refreshes, lets the second app
 * sign in by SSO without the password, and signs out, which ends the second app's session too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSignInTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE = Duration.ofSeconds(30);

    private final int firstPort = PlatformTestProperties.freePort();
    private final int secondPort = PlatformTestProperties.freePort();
    private Platform platform;
    private HttpServer firstApp;
    private HttpServer secondApp;
    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed here (.ci/run installs them)");
        String origins = "http://localhost:" + firstPort + ",http://localhost:" + secondPort;
        platform = new Platform(dev.authplatform.common.testing.TestInfrastructure.get().redisUri(),
                Map.of("AUTH_CORS_ALLOWED_ORIGINS", origins)).start();
        firstApp = serveDemo(firstPort, register("demo-one", firstPort));
        secondApp = serveDemo(secondPort, register("demo-two", secondPort));
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1100,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (firstApp != null) {
            firstApp.stop(0);
        }
        if (secondApp != null) {
            secondApp.stop(0);
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
        browser.get("http://localhost:" + firstPort + "/");
        click("signin");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        assertTrue(browser.getCurrentUrl().startsWith(platform.issuer() + "/oauth2/authorize"), browser.getCurrentUrl());
        saveScreenshot("signin-page.png");
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys("correct-horse-1");
        browser.findElement(By.cssSelector("button[type=submit]")).click();

        // 2. Back on the app, signed in, with both APIs answering across origins.
        waitForText("user", "Signed in as " + email);
        waitForText("me", "200");
        assertTrue(text("me").contains(email), text("me"));
        waitForText("reports", "Sign-ins this week");

        // 3. Refresh.
        click("refresh");
        waitForText("status", "Tokens refreshed.");
        waitForText("me", "200");

        // 4. The second app signs the same browser in without the password (single sign-on).
        browser.get("http://localhost:" + secondPort + "/");
        click("signin");
        waitForText("user", "Signed in as " + email);
        String secondAppToken = (String) ((JavascriptExecutor) browser).executeScript(
                "return JSON.parse(sessionStorage.getItem('tokens')).access_token");
        assertEquals(200, platform.resourceApi().get("/api/me", secondAppToken).status());

        // 5. Signing out in the first app ends the sign-in session and every session it started, at every verifier.
        browser.get("http://localhost:" + firstPort + "/");
        waitForText("user", "Signed in as " + email);
        click("signout");
        waitForText("status", "Signed out.");
        Poll.until(Duration.ofMillis(500), "resource-service to refuse the second app's token after sign-out",
                () -> platform.resourceApi().get("/api/me", secondAppToken).status() == 401);

        // 6. Signing in again needs the password.
        click("signin");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
    }

    private String register(String clientId, int port) {
        String app = "http://localhost:" + port;
        Api.Response created = platform.authApi().post("/admin/clients", json("clientId", clientId, "name", "Demo " + clientId,
                "type", "public", "grantTypes", List.of("authorization_code", "refresh_token"), "redirectUris", List.of(app + "/"),
                "postLogoutRedirectUris", List.of(app + "/"), "scopes", List.of("reports:read"), "firstParty", true), platform.adminToken());
        assertEquals(201, created.status(), created.toString());
        return json("authority", platform.issuer(), "api", "http://localhost:" + platform.resource.port(), "clientId", clientId,
                "redirectUri", app + "/", "scope", "openid reports:read");
    }

    /** The demo's own files, with this app's config.json, on a port of its own: a third origin. */
    private HttpServer serveDemo(int port, String config) throws IOException {
        Path root = Files.createTempDirectory("demo-app");
        try (var files = Files.list(Path.of(System.getProperty("platform.demoDir", "../demo")))) {
            for (Path file : files.toList()) {
                Files.copy(file, root.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(root.resolve("config.json"), config);
        HttpServer server = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), root,
                SimpleFileServer.OutputLevel.NONE);
        server.start();
        return server;
    }

    private void click(String id) {
        waitFor(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitForText(String id, String expected) {
        new WebDriverWait(browser, PAGE).withMessage(() -> "#" + id + " to show '" + expected + "'; the page says: "
                + browser.findElement(By.tagName("body")).getText()).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
    }

    private <T> T waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, PAGE).withMessage(() -> "the page at " + browser.getCurrentUrl() + " says: "
                + browser.findElement(By.tagName("body")).getText()).until(condition);
    }

    private void saveScreenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("platform.logDir", "target/service-logs")).resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
