package dev.authplatform.auth.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Refresh tokens are signed with HS256 by a key only auth-service holds: no published key matches them, a token
 * MACed with any other secret (a guessed one, or the public signing key's bytes) is refused, and refresh tokens issued
 * before, signed with the signing key, keep working until they expire.
 */
@MicronautTest(transactional = false)
class RefreshTokenSigningTest extends AuthServiceTest {

    @Inject
    KeyStore signingKeys;

    @Test
    void refreshTokensAreMacedWithAKeyNobodyElseHas() throws Exception {
        Api.Response session = api().registerSomeone();
        assertEquals("HS256", Jwts.header(session.refreshToken()).get("alg"));
        assertEquals("refresh+jwt", Jwts.header(session.refreshToken()).get("typ"));
        JWKSet published = JWKSet.parse(api().get("/.well-known/jwks.json").body());
        assertNull(published.getKeyByKeyId((String) Jwts.header(session.refreshToken()).get("kid")), "its key is not published");

        Api.Response refreshed = api().post("/auth/refresh", Api.json("refreshToken", session.refreshToken()));
        assertEquals(200, refreshed.status(), refreshed.body());
    }

    @Test
    void aTokenMacedWithAnotherSecretIsRefused() throws Exception {
        Api.Response session = api().registerSomeone();
        SignedJWT genuine = SignedJWT.parse(session.refreshToken());
        byte[] guessed = new byte[32];
        new SecureRandom().nextBytes(guessed);

        String forged = mac(genuine.getJWTClaimsSet(), genuine.getHeader().getKeyID(), guessed);

        assertEquals(401, api().post("/auth/refresh", Api.json("refreshToken", forged)).status());
        assertEquals(200, api().post("/auth/refresh", Api.json("refreshToken", session.refreshToken())).status(),
                "the forgery did not count as a use of the genuine token");
    }

    @Test
    void theSigningKeysPublicHalfIsNoMacSecret() throws Exception {
        Api.Response session = api().registerSomeone();
        JWKSet published = JWKSet.parse(api().get("/.well-known/jwks.json").body());
        String kid = signingKeys.current().kid();
        byte[] publicBytes = published.getKeyByKeyId(kid).toPublicJWK().toJSONString().getBytes();

        String confused = mac(SignedJWT.parse(session.refreshToken()).getJWTClaimsSet(), kid, publicBytes);

        assertEquals(401, api().post("/auth/refresh", Api.json("refreshToken", confused)).status());
    }

    @Test
    void aRefreshTokenSignedWithTheSigningKeyBeforeStillWorks() throws Exception {
        Api.Response session = api().registerSomeone();
        JWTClaimsSet claims = SignedJWT.parse(session.refreshToken()).getJWTClaimsSet();
        KeyStore.CurrentKey key = signingKeys.current();
        SignedJWT legacy = new SignedJWT(new JWSHeader.Builder(key.algorithm()).type(new JOSEObjectType(PlatformClaims.REFRESH_TOKEN_TYPE))
                .keyID(key.kid()).build(), claims);
        legacy.sign(key.signer());

        Api.Response refreshed = api().post("/auth/refresh", Api.json("refreshToken", legacy.serialize()));

        assertEquals(200, refreshed.status(), refreshed.body());
        assertNotNull(refreshed.refreshToken());
        assertEquals("HS256", Jwts.header(refreshed.refreshToken()).get("alg"), "and its successor is MACed");
    }

    private static String mac(JWTClaimsSet claims, String kid, byte[] secret) throws Exception {
        byte[] key = secret.length >= 32 ? secret : java.util.Arrays.copyOf(secret, 32);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(PlatformClaims.REFRESH_TOKEN_TYPE))
                .keyID(kid).build(), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
