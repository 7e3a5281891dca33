package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** resource-service verifies auth-service's tokens by itself, and refuses every kind of wrong token. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceServiceTest {

    private Platform platform;
    private TokenForge forge;
    private Api resource;

    @BeforeAll
    void start() {
        platform = new Platform().start();
        forge = new TokenForge(platform);
        resource = platform.resourceApi();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void publicInfoNeedsNoToken() {
        Api.Response info = resource.get("/api/public/info");

        assertEquals(200, info.status());
        assertEquals("resource-service", info.string("service"));
    }

    @Test
    void everyAnswerOfEitherServiceCarriesTheSecurityHeaders() {
        List<Api.Response> answers = List.of(resource.get("/api/public/info"), resource.get("/api/me"), resource.get("/no/such/path"),
                platform.authApi().get("/.well-known/jwks.json"), platform.authApi().post("/auth/login", "{}"));

        for (Api.Response answer : answers) {
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.toString());
            assertEquals("no-referrer", answer.header("Referrer-Policy"), answer.toString());
        }
    }

    @Test
    void meAnswersWhatTheVerifiedTokenSays() {
        Api.Response registered = platform.authApi().registerSomeone();

        Api.Response me = resource.get("/api/me", registered.accessToken());

        assertEquals(200, me.status(), me.toString());
        assertEquals(registered.userId(), me.string("subject"));
        assertEquals(registered.object("user").get("email"), me.string("email"));
        assertEquals(List.of("user"), me.list("roles"));
        assertEquals(Jwts.claim(registered.accessToken(), "sid"), me.string("sessionId"));
        assertEquals(Instant.ofEpochSecond((Long) Jwts.claims(registered.accessToken()).get("exp")), Instant.parse(me.string("expiresAt")));
    }

    @Test
    void theBearerSchemeIsMatchedWhateverItsCaseAndNothingElsePasses() {
        String token = platform.authApi().registerSomeone().accessToken();

        // RFC 6750 section 2.1: "Bearer" 1*SP b64token, the scheme case-insensitive (RFC 9110 section 11.1)
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer   ")) {
            assertEquals(200, withAuthorization(scheme + token).status(), scheme);
        }
        for (String authorization : List.of("Bearer" + token, "Basic " + token, "Bearer", "Bearer ", token)) {
            Api.Response refused = withAuthorization(authorization);
            assertEquals(401, refused.status(), authorization);
            assertTrue(refused.header("WWW-Authenticate").startsWith("Bearer"), refused.toString());
        }
    }

    private Api.Response withAuthorization(String authorization) {
        return resource.send("GET", "/api/me", null, null, null, Map.of("Authorization", authorization));
    }

    @Test
    void missingTokenGetsABareBearerChallenge() {
        Api.Response response = resource.get("/api/me");

        assertEquals(401, response.status());
        assertEquals("Bearer", response.header("WWW-Authenticate"));
        assertTrue(response.header("Content-Type").startsWith("application/problem+json"));
    }

    @Test
    void adminOverviewNeedsTheAdminRole() {
        Api.Response user = resource.get("/api/admin/overview", platform.authApi().registerSomeone().accessToken());
        Api.Response admin = resource.get("/api/admin/overview", platform.adminToken());

        assertEquals(403, user.status());
        assertEquals("Bearer error=\"insufficient_scope\"", user.header("WWW-Authenticate"));
        assertEquals(200, admin.status(), admin.toString());
    }

    @Test
    void errorsAreProblemDetailsHereToo() {
        Api.Response notFound = resource.get("/api/nothing-here");
        Api.Response wrongMethod = resource.post("/api/public/info", "{}");

        assertEquals(404, notFound.status());
        assertTrue(notFound.header("Content-Type").startsWith("application/problem+json"));
        assertEquals(404L, notFound.json().get("status"));
        assertEquals(405, wrongMethod.status());
        assertTrue(wrongMethod.header("Content-Type").startsWith("application/problem+json"));
    }

    @Test
    void signatureByAnotherKeyIsRefused() throws Exception {
        assertInvalidToken(forge.signedWithAnotherKey(), "signature");
    }

    @Test
    void unsignedTokenIsRefused() {
        assertInvalidToken(forge.unsigned(), "not a signed JWT");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        assertInvalidToken(forge.hmacWithThePublicKey(), "algorithm");
    }

    @Test
    void algorithmTheKeyDoesNotHaveIsRefused() throws Exception {
        assertInvalidToken(forge.otherAlgorithmOfTheSameKey(), "algorithm");
    }

    @Test
    void refreshTokenIsRefusedAsAnAccessToken() {
        assertInvalidToken(platform.authApi().registerSomeone().refreshToken(), "typ");
    }

    @Test
    void refreshTokenIsRefusedByItsAudienceEvenWithAnAccessTokenType() {
        assertInvalidToken(forge.signed(forge.validClaims().audience(platform.issuer()).build()), "audience");
    }

    @Test
    void wrongTypeIsRefused() {
        assertInvalidToken(forge.signed("JWT", forge.validClaims().build()), "typ");
    }

    @Test
    void wrongIssuerIsRefused() {
        assertInvalidToken(forge.signed(forge.validClaims().issuer("http://evil.example").build()), "issuer");
    }

    @Test
    void wrongAudienceIsRefused() {
        assertInvalidToken(forge.signed(forge.validClaims().audience("another-api").build()), "audience");
    }

    @Test
    void expiredTokenIsRefusedOnceTheSkewIsOver() {
        Instant longAgo = Instant.now().minusSeconds(3600);
        assertInvalidToken(forge.signed(forge.validClaims().issueTime(Date.from(longAgo)).notBeforeTime(Date.from(longAgo))
                .expirationTime(Date.from(Instant.now().minusSeconds(61))).build()), "expired");
    }

    @Test
    void tokenExpiredWithinTheSkewIsStillAccepted() {
        String token = forge.signed(forge.validClaims().expirationTime(Date.from(Instant.now().minusSeconds(30))).build());

        assertEquals(200, resource.get("/api/me", token).status());
    }

    @Test
    void tokenNotYetValidIsRefused() {
        Instant later = Instant.now().plusSeconds(300);
        assertInvalidToken(forge.signed(forge.validClaims().notBeforeTime(Date.from(later)).issueTime(Date.from(later)).build()), "not valid yet");
    }

    @Test
    void tokenWithAnUnknownKidIsRefused() throws Exception {
        assertInvalidToken(forge.withUnknownKid(), "key");
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() {
        String admin = platform.adminToken();
        assertEquals(200, platform.authApi().post("/admin/keys/rotate", null, admin).status());
        String signedWithNewKey = platform.authApi().registerSomeone().accessToken();

        Poll.until(Duration.ofSeconds(5), "resource-service to fetch the new key",
                () -> resource.get("/api/me", signedWithNewKey).status() == 200);
        assertEquals(200, resource.get("/api/me", admin).status(), "tokens of the previous key still verify");
    }

    private void assertInvalidToken(String token, String reasonContains) {
        Api.Response response = resource.get("/api/me", token);

        assertEquals(401, response.status(), response.toString());
        assertTrue(response.header("WWW-Authenticate").startsWith("Bearer error=\"invalid_token\""), response.header("WWW-Authenticate"));
        Map<String, Object> problem = response.json();
        assertTrue(((String) problem.get("detail")).contains(reasonContains), "detail says why: " + problem.get("detail"));
        assertFalse(response.body().contains(token), "the token is never echoed");
    }
}
