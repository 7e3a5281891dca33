package dev.authplatform.auth.token;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class AccessTokenTest extends AuthServiceTest {

    @Test
    void accessTokenHasTheHeaderAndClaimsOfTheContract() throws Exception {
        Api.Response registered = api().registerSomeone();
        Map<String, Object> header = Jwts.header(registered.accessToken());
        Map<String, Object> claims = Jwts.claims(registered.accessToken());

        assertEquals("at+jwt", header.get("typ"));
        assertEquals("RS256", header.get("alg"));
        assertNotNull(header.get("kid"));
        assertEquals(server.getURL().toString().replace("127.0.0.1", "localhost"), claims.get("iss"));
        assertEquals(registered.userId(), claims.get("sub"));
        assertEquals("platform", claims.get("aud"));
        assertEquals(List.of("user"), claims.get("roles"));
        assertEquals(registered.object("user").get("email"), claims.get("email"));
        assertNotNull(claims.get("sid"));
        assertNotNull(claims.get("jti"));
        long iat = (Long) claims.get("iat");
        assertEquals(iat, claims.get("nbf"));
        assertEquals(iat + 900, claims.get("exp"));
        assertFalse(registered.accessToken().contains("argon"), "no password material");
    }

    @Test
    void everyTokenHasItsOwnId() {
        String email = "ids-" + java.util.UUID.randomUUID() + "@platform.test";
        api().register(email, "correct-horse-1");

        String first = Jwts.claim(api().login(email, "correct-horse-1").accessToken(), "jti");
        String second = Jwts.claim(api().login(email, "correct-horse-1").accessToken(), "jti");

        assertNotEquals(first, second);
    }

    @Test
    void accessTokenVerifiesWithTheJwksFetchedOverHttpUsingOnlyTheJdk() throws Exception {
        String token = api().registerSomeone().accessToken();
        String kid = (String) Jwts.header(token).get("kid");

        Api.Response jwks = api().get("/.well-known/jwks.json");
        Map<String, Object> jwk = ((List<?>) jwks.json().get("keys")).stream().map(k -> (Map<String, Object>) k)
                .filter(k -> kid.equals(k.get("kid"))).findFirst().orElseThrow();
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        int lastDot = token.lastIndexOf('.');
        rs256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));

        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1))));
    }

    @Test
    void jwksPublishesPublicKeysOnlyWithKidAlgAndUse() {
        Api.Response jwks = api().get("/.well-known/jwks.json");

        assertEquals(200, jwks.status());
        assertTrue(jwks.header("Cache-Control").contains("max-age="), jwks.header("Cache-Control"));
        for (Object k : (List<?>) jwks.json().get("keys")) {
            Map<?, ?> key = (Map<?, ?>) k;
            assertNotNull(key.get("kid"));
            assertEquals("RS256", key.get("alg"));
            assertEquals("sig", key.get("use"));
            for (String privatePart : List.of("d", "p", "q", "dp", "dq", "qi")) {
                assertFalse(key.containsKey(privatePart), "private member " + privatePart + " published");
            }
        }
    }

    @Test
    void discoveryNamesTheIssuerAndTheJwks() {
        Api.Response discovery = api().get("/.well-known/openid-configuration");

        assertEquals(200, discovery.status());
        String issuer = discovery.string("issuer");
        assertEquals(issuer + "/.well-known/jwks.json", discovery.string("jwks_uri"));
        assertNotNull(discovery.string("token_endpoint"));
    }

    @Test
    void refreshTokenIsRefusedWhereAnAccessTokenIsExpected() {
        Api.Response registered = api().registerSomeone();
        Map<String, Object> refreshHeader = Jwts.header(registered.refreshToken());
        Map<String, Object> refreshClaims = Jwts.claims(registered.refreshToken());

        Api.Response me = api().get("/auth/me", registered.refreshToken());

        assertEquals("refresh+jwt", refreshHeader.get("typ"));
        assertNotEquals("platform", refreshClaims.get("aud"));
        assertEquals(401, me.status());
        assertTrue(me.header("WWW-Authenticate").contains("invalid_token"), me.header("WWW-Authenticate"));
    }

    @Test
    void accessTokenIsRefusedWhereARefreshTokenIsExpected() {
        Api.Response registered = api().registerSomeone();

        Api.Response refresh = api().post("/auth/refresh", json("refreshToken", registered.accessToken()));

        assertEquals(401, refresh.status(), refresh.toString());
    }
}
