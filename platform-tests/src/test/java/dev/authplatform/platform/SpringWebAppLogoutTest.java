package dev.authplatform.platform;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.common.testing.HtmlForms;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OpenID Connect Back-Channel Logout with a real relying party: spring/example-web-app, Spring Security's own OpenID
 * Connect client (oauth2Login, oidcLogout().backChannel()) as a packaged process, signs users in through the platform.
 * When the platform ends a user's session, Spring accepts the platform's logout token and ends the user's session in
 * the app; a logout token the platform did not sign ends nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringWebAppLogoutTest {

    private static final String PASSWORD = "correct-horse-1";

    private Platform platform;
    private ServiceProcess webApp;
    private String admin;
    private String clientId;

    @BeforeAll
    void start() {
        platform = new Platform();
        platform.auth.start();
        admin = platform.adminToken();
        int port = PlatformTestProperties.freePort();
        String app = "http://localhost:" + port;
        Api.Response client = platform.authApi().post("/admin/clients", Api.json("name", "Spring web app", "type", "confidential",
                "grantTypes", List.of("authorization_code"), "redirectUris", List.of(app + "/login/oauth2/code/platform"),
                "firstParty", true, "backchannelLogoutUri", app + "/logout/connect/back-channel/platform"), admin);
        assertEquals(201, client.status(), client.toString());
        clientId = client.string("clientId");
        webApp = ServiceProcess.springWebApp(Map.of("AUTH_ISSUER", platform.issuer(), "AUTH_CLIENT_ID", clientId,
                "AUTH_CLIENT_SECRET", client.string("clientSecret")), port).start();
    }

    @AfterAll
    void stop() {
        if (webApp != null) {
            webApp.stop();
        }
        platform.close();
    }

    @Test
    void whenThePlatformEndsAUsersSessionTheSpringAppSignsThatUserOut() {
        SignedIn ada = signIn();
        SignedIn bob = signIn();

        Api.Response ended = platform.authApi().post("/auth/logout-all", null, platform.authApi().login(ada.email(), PASSWORD).accessToken());

        assertEquals(204, ended.status(), ended.toString());
        Poll.until(Duration.ofSeconds(10), "the Spring app to sign the user out", () -> home(ada).statusCode() == 302);
        assertTrue(home(ada).headers().firstValue("Location").orElseThrow().endsWith("/oauth2/authorization/platform"));
        assertEquals(200, home(bob).statusCode(), "another user's session in the app is untouched");
        Poll.until(Duration.ofSeconds(5), "the delivery to be audited", () -> platform.authApi()
                .get("/admin/audit?kind=backchannel-logout&user=" + ada.userId(), admin).list("content").stream()
                .anyMatch(event -> "success".equals(((Map<?, ?>) event).get("outcome"))));
    }

    @Test
    void aLogoutTokenThePlatformDidNotSignEndsNothing() throws Exception {
        SignedIn signedIn = signIn();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(platform.issuer()).subject(signedIn.userId())
                .audience(clientId).issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .jwtID(UUID.randomUUID().toString()).claim("sid", signedIn.sid())
                .claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of())).build();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("logout+jwt"))
                .keyID(stranger.getKeyID()).build(), claims);
        forged.sign(new RSASSASigner(stranger));

        HttpResponse<String> answer = new Browser().postForm(URI.create(webApp.api().base() + "/logout/connect/back-channel/platform"),
                Map.of("logout_token", forged.serialize()));

        assertEquals(400, answer.statusCode(), answer.body());
        assertEquals(200, home(signedIn).statusCode(), "still signed in");
    }

    /** A new user signs in to the Spring app: app, platform's sign-in page, back to the app, as a browser would. */
    private SignedIn signIn() {
        String email = "spring-web-" + UUID.randomUUID() + "@platform.test";
        Api.Response registered = platform.authApi().register(email, PASSWORD);
        assertEquals(201, registered.status(), registered.toString());
        Browser browser = new Browser();
        HttpResponse<String> answer = browser.get(URI.create(webApp.api().base() + "/"));
        for (int step = 0; step < 10 && answer.statusCode() != 200; step++) {
            HttpResponse<String> redirect = answer;
            answer = browser.get(redirect.uri().resolve(redirect.headers().firstValue("Location").orElseThrow(
                    () -> new AssertionError("stuck at " + redirect.uri() + ": " + redirect.statusCode()))));
            if (answer.statusCode() == 200 && answer.body().contains("name=\"password\"")) {
                Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(answer.body()));
                form.put("email", email);
                form.put("password", PASSWORD);
                answer = browser.postForm(URI.create(platform.issuer() + "/oauth2/signin"), form);
            }
        }
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("Signed in as " + email), answer.body());
        String sid = answer.body().replaceAll("(?s).*\\(session ([^)]+)\\).*", "$1");
        return new SignedIn(email, registered.userId(), sid, browser);
    }

    private HttpResponse<String> home(SignedIn signedIn) {
        return signedIn.browser().get(URI.create(webApp.api().base() + "/"));
    }

    private record SignedIn(String email, String userId, String sid, Browser browser) {
    }
}
