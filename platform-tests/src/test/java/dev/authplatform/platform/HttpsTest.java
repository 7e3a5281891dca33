package dev.authplatform.platform;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.HtmlForms;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform over HTTPS end to end, with a CA and certificate made by tls/dev-ca.sh: both services serve HTTPS only
 * from the PEM files, resource-service fetches the JWKS over HTTPS trusting that CA alone (and without it refuses to
 * trust the issuer at all), and the hosted sign-in page's cookie is {@code Secure}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsTest {

    private Path certificates;
    private DevelopmentTls tls;
    private Platform platform;

    @BeforeAll
    void start() throws Exception {
        certificates = Files.createTempDirectory("dev-ca-");
        tls = DevelopmentTls.make(certificates);
        platform = new Platform(TestInfrastructure.get().redisUri(), Map.of(), tls).start();
    }

    @AfterAll
    void stop() throws IOException {
        if (platform != null) {
            platform.close();
        }
        try (var files = Files.walk(certificates)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void tokensIssuedAndVerifiedOverHttps() throws Exception {
        Api auth = platform.authApi();
        Api resource = platform.resourceApi();
        assertTrue(auth.base().startsWith("https://") && resource.base().startsWith("https://"));

        Map<String, Object> discovery = JSONObjectUtils.parse(auth.get("/.well-known/openid-configuration").body());
        assertEquals(platform.issuer(), discovery.get("issuer"));
        assertTrue(((String) discovery.get("jwks_uri")).startsWith("https://"));

        Api.Response user = auth.registerSomeone();
        assertEquals(200, resource.get("/api/me", user.accessToken()).status(), "the JWKS came over HTTPS");
        assertEquals(204, auth.post("/auth/logout", null, user.accessToken()).status());
        Poll.until(Duration.ofSeconds(2), "the logout to reach resource-service", () -> resource.get("/api/me", user.accessToken()).status() == 401);
    }

    @Test
    void plainHttpIsNotServed() {
        Api plain = new Api("http://localhost:" + platform.authPort);
        assertThrows(IllegalStateException.class, () -> plain.get("/health"));
    }

    @Test
    void aVerifierThatDoesNotTrustTheCaTrustsNoKeys() {
        // no JWKS cache file either: the other verifier saved the keys it fetched over TLS it trusts
        ServiceProcess untrusting = platform.newResourceService(
                Map.of("AUTH_TLS_TRUSTED_CERTIFICATES", "", "AUTH_JWKS_CACHE_ENABLED", "false")).start(false);
        try {
            Api api = untrusting.api();
            Poll.until(Duration.ofSeconds(30), "the untrusting resource-service to answer", () -> {
                try {
                    return api.get("/health/liveness").status() == 200;
                } catch (IllegalStateException notYet) {
                    return false;
                }
            });
            Api.Response health = api.get("/health");
            assertEquals(503, health.status(), health.body());
            assertTrue(health.body().contains("\"jwks\":\"DOWN\""), health.body());
            Api.Response user = platform.authApi().registerSomeone();
            assertEquals(503, api.get("/api/me", user.accessToken()).status(), "fails closed: no key, no pass");
        } finally {
            untrusting.stop();
        }
    }

    @Test
    void theSignInCookieIsSecure() throws Exception {
        String admin = platform.adminToken();
        Api auth = platform.authApi();
        Api.Response client = auth.post("/admin/clients", Api.json("name", "TLS app", "type", "confidential", "grantTypes", List.of("authorization_code"),
                "redirectUris", List.of("https://app.example/callback"), "scopes", List.of("reports:read"), "firstParty", true), admin);
        assertEquals(201, client.status(), client.body());
        String email = "tls-" + UUID.randomUUID() + "@platform.test";
        auth.register(email, "correct-horse-1");
        URI authorize = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), new ClientID(client.string("clientId")))
                .endpointURI(URI.create(platform.issuer() + "/oauth2/authorize")).redirectionURI(URI.create("https://app.example/callback"))
                .state(new State()).scope(new Scope("reports:read")).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                .build().toURI();
        HttpClient browser = HttpClient.newBuilder().sslContext(tls.clientContext()).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(page.body()));
        form.put("email", email);
        form.put("password", "correct-horse-1");
        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(platform.issuer() + "/oauth2/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", platform.issuer())
                .POST(HttpRequest.BodyPublishers.ofString(HtmlForms.urlEncoded(form))).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(303, signedIn.statusCode(), signedIn.body());
        String cookie = signedIn.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("authplatform_signin="))
                .findFirst().orElseThrow(() -> new AssertionError("no sign-in cookie: " + signedIn.headers()));
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), cookie); // attribute names are case-insensitive
    }
}
