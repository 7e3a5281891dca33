package dev.authplatform.platform;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.testing.TestInfrastructure;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Mints tokens the way an attacker or a broken client would, to prove each check of the verifier refuses them.
 * "Valid except for one thing" tokens are signed with the platform's real current key, read from the same key
 * store auth-service uses (its database): the only way a test can isolate the iss, aud, exp or typ check.
 */
final class TokenForge {

    private final RSAKey platformKey;
    private final String issuer;

    TokenForge(Platform platform) {
        this.platformKey = currentKey(platform.databaseUrl);
        this.issuer = platform.issuer();
    }

    JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .audience("platform")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString())
                .claim("roles", List.of("user"))
                .claim("email", "forged@platform.test");
    }

    /** Signed by the platform's key with the given type and claims. */
    String signed(String type, JWTClaimsSet claims) {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType(type)).keyID(platformKey.getKeyID()).build(),
                claims, platformKey);
    }

    String signed(JWTClaimsSet claims) {
        return signed("at+jwt", claims);
    }

    /** Same kid as the platform's key, signed with another RSA key. */
    String signedWithAnotherKey() throws Exception {
        RSAKey other = new RSAKeyGenerator(2048).keyID(platformKey.getKeyID()).generate();
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID(platformKey.getKeyID()).build(),
                validClaims().build(), other);
    }

    /** {@code alg: none}: no signature at all. */
    String unsigned() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + platformKey.getKeyID() + "\"}");
        return header + "." + base64(validClaims().build().toString()) + ".";
    }

    /** HS256 "signed" with the platform's public key as the HMAC secret: the classic algorithm-confusion attack. */
    String hmacWithThePublicKey() throws Exception {
        byte[] secret = platformKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt"))
                .keyID(platformKey.getKeyID()).build(), validClaims().build());
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    /** The platform's key, but a header that claims another RSA algorithm the key is not published for. */
    String otherAlgorithmOfTheSameKey() throws Exception {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS512).type(new JOSEObjectType("at+jwt")).keyID(platformKey.getKeyID()).build(),
                validClaims().build(), platformKey);
    }

    /** A well-signed token naming a kid nobody publishes. */
    String withUnknownKid() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID(stranger.getKeyID()).build(),
                validClaims().build(), stranger);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static RSAKey currentKey(String databaseUrl) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(databaseUrl, infrastructure.username(), infrastructure.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL")) {
            if (!row.next()) {
                throw new IllegalStateException("auth-service has no current key yet");
            }
            return (RSAKey) JWK.parse(row.getString(1));
        } catch (Exception e) {
            throw new IllegalStateException("could not read the platform's key store: " + e.getMessage(), e);
        }
    }
}
