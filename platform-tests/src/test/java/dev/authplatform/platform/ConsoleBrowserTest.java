package dev.authplatform.platform;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.sun.net.httpserver.HttpServer;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import dev.authplatform.common.testing.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both consoles in a real browser ({@link Chromium}) against the packaged services. An admin signs in to
 * {@code /console} through the hosted page, registers a client whose secret then serves a real code flow, disables a
 * user (whose token resource-service refuses within 500 ms) and reads the audit entry of it, and follows a link from
 * another site into the console, signed in; a user enrols two-step
 * sign-in from the QR page of {@code /account}, signs in again with a code, ends another session and withdraws an
 * app's access (each refused at resource-service within 500 ms); the user is refused every admin page, and a form
 * sent without the console's token changes nothing. axe-core checks every page the walk opens: no serious or critical
 * violation. Screenshots of the main pages land beside the service logs (docs/images holds copies).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Duration ANNOUNCEMENT = Duration.ofMillis(500);
    private static final String PASSWORD = "correct-horse-1";

    private final int appPort = PlatformTestProperties.freePort();
    private final BlockingQueue<String> appCallbacks = new ArrayBlockingQueue<>(10);
    private final List<String> accessibilityFindings = new ArrayList<>();
    private Platform platform;
    private HttpServer app;
    private Chromium adminBrowser;
    private Chromium userBrowser;
    private final String userEmail = "console-user-" + UUID.randomUUID() + "@platform.test";
    private ClientID appId;
    private Secret appSecret;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Chromium.installed(), "Debian's chromium and chromium-driver are not installed here (.ci/run installs them)");
        platform = new Platform(TestInfrastructure.get().redisUri(), Map.of()).start();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", appPort), 0);
        app.createContext("/callback", exchange -> {
            appCallbacks.add(exchange.getRequestURI().toString());
            byte[] body = "<!DOCTYPE html><html lang=en><title>App</title><h1>Back in the app</h1></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.createContext("/links", exchange -> {
            byte[] body = ("<!DOCTYPE html><html lang=en><title>Elsewhere</title><a id=to-console href='" + platform.issuer()
                    + "/console/clients'>The console</a></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        adminBrowser = new Chromium();
        userBrowser = new Chromium();
        assertEquals(201, platform.authApi().register(userEmail, PASSWORD).status());
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {adminBrowser, userBrowser, platform}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
        if (app != null) {
            app.stop(0);
        }
    }

    @Test
    @Order(1)
    void anAdminRegistersAClientWhoseSecretServesARealCodeFlow() throws Exception {
        adminBrowser.open(platform.issuer() + "/console");
        signIn(adminBrowser, PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        adminBrowser.waitForPageText("The last minute on this instance");
        check(adminBrowser, "overview", "console-overview.png");

        adminBrowser.click(By.linkText("Clients"));
        adminBrowser.waitForPageText("Registered clients");
        check(adminBrowser, "clients", null);
        adminBrowser.click("new-client");
        adminBrowser.type("name", "Orders web");
        adminBrowser.type("redirectUris", "http://127.0.0.1:" + appPort + "/callback");
        adminBrowser.type("scopes", "openid orders:read");
        check(adminBrowser, "new client", "console-new-client.png");
        adminBrowser.click("save-client");
        adminBrowser.waitForPageText("shown this once");
        check(adminBrowser, "client secret", "console-client-secret.png");
        appId = new ClientID(adminBrowser.text("client-id"));
        appSecret = new Secret((String) adminBrowser.script("return document.getElementById('client-secret').value"));
        assertTrue(appSecret.getValue().length() >= 32, "a secret is shown");
        adminBrowser.click(By.linkText("Done: back to the client"));
        adminBrowser.waitForText("client-id", appId.getValue());
        check(adminBrowser, "client", null);

        // the registered secret in a real code flow: the user signs in and consents, the app redeems the code
        AccessTokenResponse tokens = codeFlow(userBrowser, true);
        String appToken = tokens.getTokens().getAccessToken().getValue();
        assertEquals(200, platform.resourceApi().get("/api/me", appToken).status(), "the app's token works at resource-service");
    }

    @Test
    @Order(2)
    void anAdminDisablesAUserWhoseTokenIsRefusedAtOnceAndReadsTheAuditEntry() {
        Api.Response victim = platform.authApi().registerSomeone();
        String email = (String) platform.authApi().get("/auth/me", victim.accessToken()).json().get("email");
        assertEquals(200, platform.resourceApi().get("/api/me", victim.accessToken()).status());

        adminBrowser.open(platform.issuer() + "/console/users");
        adminBrowser.type("q", email);
        adminBrowser.click(By.cssSelector("form[role=search] button"));
        adminBrowser.waitFor(d -> d.findElements(By.cssSelector("tr[data-user='" + victim.userId() + "']")).size() == 1);
        check(adminBrowser, "users", "console-users.png");
        List<String> keyboard = adminBrowser.tabOrder(14);
        assertEquals("Skip to content", keyboard.getFirst(), "the first Tab reaches the skip link: " + keyboard);
        assertTrue(keyboard.indexOf("Users") < keyboard.indexOf("q") && keyboard.indexOf("q") < keyboard.indexOf("Search")
                && keyboard.indexOf("Search") < keyboard.indexOf(email) && keyboard.indexOf("Users") > 0,
                "navigation, then the search field and its button, then the users, in that order: " + keyboard);
        adminBrowser.click(By.linkText(email));
        adminBrowser.waitForText("user-state", "Enabled");
        check(adminBrowser, "user", "console-user.png");
        adminBrowser.click("disable");
        long clicked = System.nanoTime();
        adminBrowser.waitForText("user-state", "Disabled");
        Poll.until(ANNOUNCEMENT, "resource-service to refuse the disabled user's token",
                () -> platform.resourceApi().get("/api/me", victim.accessToken()).status() == 401);
        System.out.printf("disabled user's token refused %d ms after the click%n", (System.nanoTime() - clicked) / 1_000_000);

        adminBrowser.click(By.linkText("Audit trail"));
        adminBrowser.type("kind", "user-disable");
        adminBrowser.type("user", victim.userId());
        adminBrowser.click("filter");
        adminBrowser.waitFor(d -> d.findElements(By.cssSelector("tr[data-kind='user-disable']")).size() == 1);
        check(adminBrowser, "audit", "console-audit.png");
        adminBrowser.click(By.cssSelector("tr[data-kind='user-disable'] a"));
        adminBrowser.waitForText("event-kind", "user-disable");
        assertEquals(victim.userId(), adminBrowser.text("event-subject"));
        String adminId = platform.authApi().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD).userId();
        assertEquals(adminId, adminBrowser.text("event-actor"), "the admin who did it");
        check(adminBrowser, "audit event", null);

        // a forged form (no CSRF token) in the admin's own browser changes nothing
        adminBrowser.script("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = '/console/users/' + arguments[0] + '/enable';
                document.body.appendChild(form);
                form.submit();
                """, victim.userId());
        adminBrowser.waitForPageText("The form expired");
        assertEquals(false, platform.authApi().get("/admin/users/" + victim.userId(), platform.adminToken()).json().get("enabled"));
    }

    @Test
    @Order(3)
    void aLinkFromAnotherSiteOpensTheConsoleSignedIn() {
        // 127.0.0.1 is another site than localhost: the whole redirect chain that follows the click is cross-site
        adminBrowser.open("http://127.0.0.1:" + appPort + "/links");
        adminBrowser.click("to-console");
        adminBrowser.waitForPageText("Registered clients");
        assertEquals(platform.issuer() + "/console/clients", adminBrowser.url());
    }

    @Test
    @Order(4)
    void anAdminSeesTheKeysAndThePolicy() {
        adminBrowser.open(platform.issuer() + "/console/keys");
        adminBrowser.waitForPageText("Every key auth-service holds");
        check(adminBrowser, "keys", "console-keys.png");
        adminBrowser.click("rotate-key");
        adminBrowser.waitForPageText("A new signing key is current");
        assertEquals(1, adminBrowser.script("return document.querySelectorAll('tr[data-state=retired]').length")
                instanceof Long n ? n.intValue() : -1, "the previous key retired");
        adminBrowser.click(By.linkText("MFA policy"));
        adminBrowser.waitForPageText("Require a second factor for");
        check(adminBrowser, "MFA policy", null);
    }

    @Test
    @Order(5)
    void aUserEnrolsTwoStepSignInFromTheQrPageAndSignsInAgainWithACode() {
        userBrowser.open(platform.issuer() + "/account");
        userBrowser.waitForPageText("Email address"); // signed in on the hosted page already: no form
        check(userBrowser, "profile", "account-profile.png");
        userBrowser.click(By.linkText("Password"));
        userBrowser.waitForPageText("Changing it signs you out everywhere else.");
        check(userBrowser, "password", null);
        userBrowser.click(By.linkText("Two-step sign-in"));
        userBrowser.waitForText("two-step-state", "Off");
        check(userBrowser, "two-step sign-in", null);
        userBrowser.click("start-enrolment");
        userBrowser.waitFor(d -> !d.findElements(By.cssSelector(".qr svg")).isEmpty());
        check(userBrowser, "two-step enrolment", "account-two-step.png");
        String secret = (String) userBrowser.script("return document.getElementById('totp-secret').value");
        long step = Totp.step(Instant.now());
        userBrowser.type("code", Totp.code(secret, step));
        userBrowser.click("confirm-code");
        userBrowser.waitForPageText("Two-step sign-in is on");
        check(userBrowser, "recovery codes", null);

        userBrowser.click(By.cssSelector("header form button"));
        userBrowser.waitForPageText("Sign out?");
        userBrowser.click(By.cssSelector("main form button"));
        userBrowser.waitForPageText("You are signed out");

        userBrowser.open(platform.issuer() + "/account");
        signIn(userBrowser, userEmail, PASSWORD);
        userBrowser.type("code", Totp.code(secret, Math.max(step + 1, Totp.step(Instant.now()))));
        userBrowser.click(By.cssSelector("button[type=submit]"));
        userBrowser.waitForText("email", userEmail);
        userBrowser.click(By.linkText("Two-step sign-in"));
        userBrowser.waitForText("recovery-codes-left", "10");
    }

    @Test
    @Order(6)
    void aUserEndsAnotherSessionAndWithdrawsAnAppsAccessAndEachIsRefusedAtOnce() throws Exception {
        assertNotNull(platform.authApi().login(userEmail, PASSWORD).string("mfaToken"), "two-step sign-in is on for the API too");
        // another session: the app again, signed in by the browser's sign-in on the hosted page
        AccessTokenResponse app = codeFlow(userBrowser, false);
        String appToken = app.getTokens().getAccessToken().getValue();
        String phoneSession = platform.authApi().get("/auth/sessions", appToken).array().stream()
                .filter(s -> appId.getValue().equals(s.get("clientId"))).findFirst().orElseThrow().get("id").toString();

        userBrowser.open(platform.issuer() + "/account/sessions");
        userBrowser.waitForPageText("Your active sessions");
        check(userBrowser, "sessions", "account-sessions.png");
        assertTrue(((String) userBrowser.script("return document.querySelector(\"tr[data-session='\" + arguments[0] + \"']\").textContent",
                phoneSession)).contains("Chrome"), "the app's session shows the browser it was signed in from");
        userBrowser.click(By.cssSelector("tr[data-session='" + phoneSession + "'] button"));
        userBrowser.waitForPageText("The session has ended everywhere.");
        Poll.until(ANNOUNCEMENT, "resource-service to refuse the ended session's token",
                () -> platform.resourceApi().get("/api/me", appToken).status() == 401);

        AccessTokenResponse again = codeFlow(userBrowser, false);
        String againToken = again.getTokens().getAccessToken().getValue();
        assertEquals(200, platform.resourceApi().get("/api/me", againToken).status());
        userBrowser.open(platform.issuer() + "/account/apps");
        userBrowser.waitFor(d -> !d.findElements(By.cssSelector("tr[data-client='" + appId.getValue() + "']")).isEmpty());
        check(userBrowser, "connected apps", "account-apps.png");
        userBrowser.click(By.cssSelector("tr[data-client='" + appId.getValue() + "'] button"));
        userBrowser.waitForPageText("The app's access is withdrawn");
        Poll.until(ANNOUNCEMENT, "resource-service to refuse the app's token after the withdrawal",
                () -> platform.resourceApi().get("/api/me", againToken).status() == 401);
    }

    @Test
    @Order(7)
    void aUserWhoIsNotAnAdminIsRefusedEveryAdminPage() {
        for (String path : List.of("/console", "/console/users", "/console/clients", "/console/clients/new", "/console/keys",
                "/console/audit", "/console/mfa-policy")) {
            userBrowser.open(platform.issuer() + path);
            userBrowser.waitForPageText("Administrators only");
        }
        check(userBrowser, "403 page", null);
    }

    @Test
    @Order(8)
    void noPageHasASeriousOrCriticalAccessibilityViolation() {
        assertTrue(accessibilityFindings.isEmpty(), String.join("\n", accessibilityFindings));
    }

    /** The hosted sign-in page's form. */
    private static void signIn(Chromium browser, String email, String password) {
        browser.type("email", email);
        browser.type("password", password);
        browser.click(By.cssSelector("button[type=submit]"));
    }

    /**
     * The registered client's code flow in the user's browser: sign in if asked (the first time), consent if asked,
     * back at the app with the code, which the app redeems with its secret.
     */
    private AccessTokenResponse codeFlow(Chromium browser, boolean firstTime) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI callback = URI.create("http://127.0.0.1:" + appPort + "/callback");
        URI authorize = new AuthorizationRequest.Builder(ResponseType.CODE, appId).scope(new Scope("openid", "orders:read"))
                .redirectionURI(callback).state(state).codeChallenge(verifier, CodeChallengeMethod.S256)
                .endpointURI(URI.create(platform.issuer() + "/oauth2/authorize")).build().toURI();
        appCallbacks.clear();
        browser.open(authorize.toString());
        if (firstTime) {
            signIn(browser, userEmail, PASSWORD);
        }
        browser.waitFor(d -> d.getCurrentUrl().startsWith(callback.toString())
                || !d.findElements(By.cssSelector("button[value=allow]")).isEmpty());
        if (!browser.url().startsWith(callback.toString())) {
            browser.click(By.cssSelector("button[value=allow]"));
        }
        String answer = appCallbacks.poll(30, TimeUnit.SECONDS);
        assertNotNull(answer, "the browser came back to the app");
        String code = java.net.URLDecoder.decode(answer.replaceAll(".*[?&]code=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        assertTrue(answer.contains("state=" + state.getValue()), answer);
        TokenResponse response = TokenResponse.parse(new TokenRequest.Builder(URI.create(platform.issuer() + "/oauth2/token"),
                new ClientSecretBasic(appId, appSecret), new AuthorizationCodeGrant(new AuthorizationCode(code), callback, verifier))
                .build().toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toString());
        return response.toSuccessResponse();
    }

    /** axe-core on the page as shown; serious and critical findings are kept for the last test. A screenshot if named. */
    private void check(Chromium browser, String page, String screenshot) {
        List<Map<String, Object>> violations = browser.accessibilityViolations();
        System.out.printf("axe on %s: %d violations %s%n", page, violations.size(),
                violations.stream().map(v -> v.get("id") + "/" + v.get("impact")).toList());
        for (Map<String, Object> violation : violations) {
            if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
                accessibilityFindings.add(page + ": " + violation.get("id") + " (" + violation.get("impact") + ") " + violation.get("help")
                        + " at " + violation.get("nodes"));
            }
        }
        if (screenshot != null) {
            try {
                browser.screenshot(screenshot);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
