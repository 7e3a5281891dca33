package dev.authplatform.common.verify;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.revocation.RevocationView;
import dev.authplatform.common.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each check of the verifier, alone: a token that is right in every way but one is refused, and says why. */
class AccessTokenVerifierTest {

    private static final String ISSUER = "https://auth.platform.test";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final RSAKey key = generate("key-1");
    private final Keys keys = new Keys(Map.of(key.getKeyID(), VerificationKey.of(key.toPublicJWK()).orElseThrow()));
    private final Revocations revocations = new Revocations();
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(
            new VerifierSettings(ISSUER, "platform", null, "at+jwt", Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5), 100),
            keys, revocations, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCorrectTokenGivesItsClaims() {
        VerifiedToken token = verify(sign(claims().build()));

        assertEquals("user-1", token.subject());
        assertEquals("session-1", token.sessionId());
        assertEquals(List.of("user", "admin"), token.roles());
        assertEquals("ada@platform.test", token.email());
        assertEquals(NOW.plusSeconds(900), token.expiresAt());
    }

    @Test
    void typeMustBeTheConfiguredAccessTokenType() {
        assertRejected(sign(header("refresh+jwt"), claims().build(), key), "typ");
        assertRejected(sign(header("JWT"), claims().build(), key), "typ");
    }

    @Test
    void typeMayCarryTheApplicationPrefix() {
        verify(sign(header("application/at+jwt"), claims().build(), key));
    }

    @Test
    void signatureOfAnotherKeyWithTheSameKidIsRefused() {
        assertRejected(sign(header("at+jwt"), claims().build(), generate("key-1")), "signature");
    }

    @Test
    void unknownKidIsRefusedWhenKeysAreKnown() {
        RSAKey stranger = generate("key-2");
        assertRejected(sign(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID("key-2").build(),
                claims().build(), stranger), "does not publish");
    }

    @Test
    void withoutAnyKeyTheVerifierCannotDecide() {
        Keys none = new Keys(Map.of());
        AccessTokenVerifier empty = new AccessTokenVerifier(
                new VerifierSettings(ISSUER, "platform", null, "at+jwt", Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5), 100),
                none, revocations, Clock.fixed(NOW, ZoneOffset.UTC));

        CompletionException failure = assertThrows(CompletionException.class,
                () -> empty.verify(sign(claims().build())).toCompletableFuture().join());
        assertInstanceOf(VerificationUnavailable.class, failure.getCause());
    }

    @Test
    void algorithmOtherThanTheKeysIsRefused() {
        assertRejected(sign(new JWSHeader.Builder(JWSAlgorithm.RS512).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID()).build(),
                claims().build(), key), "algorithm");
    }

    @Test
    void issuerMustMatch() {
        assertRejected(sign(claims().issuer("https://evil.test").build()), "issuer");
    }

    @Test
    void audienceMustContainOurs() {
        assertRejected(sign(claims().audience(List.of("another", ISSUER)).build()), "audience");
        verify(sign(claims().audience(List.of("another", "platform")).build()));
    }

    @Test
    void expiryAllowsTheClockSkewAndNoMore() {
        verify(sign(claims().expirationTime(Date.from(NOW.minusSeconds(59))).build()));
        assertRejected(sign(claims().expirationTime(Date.from(NOW.minusSeconds(60))).build()), "expired");
        assertRejected(sign(claims().expirationTime(null).build()), "expired");
    }

    @Test
    void notBeforeAllowsTheClockSkewAndNoMore() {
        verify(sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(60))).build()));
        assertRejected(sign(claims().notBeforeTime(Date.from(NOW.plusSeconds(61))).build()), "not valid yet");
    }

    @Test
    void sessionSubjectAndIdAreRequired() {
        assertRejected(sign(claims().claim("sid", null).build()), "sid");
        assertRejected(sign(claims().jwtID(null).build()), "jti");
        assertRejected(sign(claims().subject(null).build()), "sub");
    }

    @Test
    void aServiceTokenNeedsNoSessionAndCarriesItsClientAndScopes() {
        VerifiedToken service = verify(sign(claims().subject("reporting-job").claim("sid", null).claim("email", null)
                .claim("client_id", "reporting-job").claim("scope", "reports:read reports:write").build()));

        assertTrue(service.isServiceToken());
        assertEquals("reporting-job", service.clientId());
        assertEquals(List.of("reports:read", "reports:write"), service.scopes());
        assertNull(service.sessionId());
    }

    @Test
    void aTokenWithoutASessionMustBeItsClientsOwn() {
        assertRejected(sign(claims().claim("sid", null).claim("client_id", "some-client").build()), "sid");
    }

    @Test
    void revokedClientAndSingleTokenAreRefused() {
        revocations.revokedClients.add("reporting-job");
        assertRejected(sign(claims().claim("client_id", "reporting-job").build()), "revoked");

        revocations.revokedTokens.add("token-9");
        assertRejected(sign(claims().jwtID("token-9").build()), "revoked");
    }

    @Test
    void revokedSessionIsRefused() {
        revocations.revokedSessions.add("session-1");

        assertRejected(sign(claims().build()), "revoked");
    }

    @Test
    void staleRevocationViewMakesTheVerifierUnavailableNotPermissive() {
        revocations.unavailable = Optional.of("the channel is silent");

        CompletionException failure = assertThrows(CompletionException.class, () -> verifier.verify(sign(claims().build())).toCompletableFuture().join());
        assertInstanceOf(VerificationUnavailable.class, failure.getCause());
    }

    @Test
    void aTokenSeenBeforeIsStillRefusedOnceRevoked() {
        String token = sign(claims().build());
        verify(token);

        revocations.revokedSessions.add("session-1");

        assertRejected(token, "revoked");
    }

    @Test
    void aTokenSeenBeforeIsStillRefusedOnceExpired() {
        MutableClock clock = new MutableClock(NOW);
        AccessTokenVerifier timed = onClock(clock, 100);
        String token = sign(claims().build());
        timed.verify(token).toCompletableFuture().join();

        clock.set(NOW.plusSeconds(900));

        CompletionException failure = assertThrows(CompletionException.class, () -> timed.verify(token).toCompletableFuture().join());
        assertTrue(failure.getCause().getMessage().contains("expired"));
    }

    @Test
    void aTokenSeenBeforeIsAcceptedUntilItsExpiryPlusTheClockSkewAndNoLonger() {
        MutableClock clock = new MutableClock(NOW);
        AccessTokenVerifier timed = onClock(clock, 100, Duration.ofSeconds(60));
        String token = sign(claims().build());
        timed.verify(token).toCompletableFuture().join();

        clock.set(NOW.plusSeconds(900 + 59).plusMillis(999));
        assertEquals("user-1", timed.verify(token).toCompletableFuture().join().subject());

        clock.set(NOW.plusSeconds(900 + 60));
        CompletionException failure = assertThrows(CompletionException.class, () -> timed.verify(token).toCompletableFuture().join());
        assertTrue(failure.getCause().getMessage().contains("expired"));
    }

    @Test
    void theVerifiedTokenCacheKeepsAtMostItsSizeAndForgetsExpiredTokens() {
        MutableClock clock = new MutableClock(NOW);
        AccessTokenVerifier bounded = onClock(clock, 10);
        for (int i = 0; i < 25; i++) {
            bounded.verify(sign(claims().jwtID("token-" + i).build())).toCompletableFuture().join();
        }
        assertTrue(bounded.rememberedTokens() <= 10, "bounded by size: " + bounded.rememberedTokens());
        assertTrue(bounded.rememberedTokens() > 0);

        clock.set(NOW.plusSeconds(901));

        assertEquals(0, bounded.rememberedTokens(), "each entry goes when its token expires");
    }

    @Test
    void aRememberedTokensSignatureUnderOtherClaimsIsCheckedInFull() {
        String remembered = sign(claims().build());
        verify(remembered);
        String[] parts = remembered.split("\\.");
        String otherClaims = sign(claims().subject("user-2").claim("roles", List.of("admin")).build()).split("\\.")[1];

        // the same signature, so the same end of the token, on claims it does not sign
        assertRejected(parts[0] + "." + otherClaims + "." + parts[2], "signature");
        assertEquals("user-1", verify(remembered).subject());
    }

    @Test
    void garbageIsRefused() {
        assertRejected("not.a.token", "signed JWT");
        assertRejected("", "signed JWT");
    }

    /** A verifier on a clock the test moves, with no skew and this many tokens remembered. */
    private AccessTokenVerifier onClock(MutableClock clock, int cacheSize) {
        return onClock(clock, cacheSize, Duration.ZERO);
    }

    private AccessTokenVerifier onClock(MutableClock clock, int cacheSize, Duration clockSkew) {
        return new AccessTokenVerifier(new VerifierSettings(ISSUER, "platform", null, "at+jwt", clockSkew, Duration.ofSeconds(10),
                Duration.ofMinutes(5), cacheSize), keys, revocations, clock);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("user-1").audience("platform")
                .issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(900)))
                .jwtID("token-1").claim("sid", "session-1").claim("roles", List.of("user", "admin")).claim("email", "ada@platform.test");
    }

    private JWSHeader header(String type) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType(type)).keyID(key.getKeyID()).build();
    }

    private String sign(JWTClaimsSet claims) {
        return sign(header("at+jwt"), claims, key);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey with) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private VerifiedToken verify(String token) {
        return verifier.verify(token).toCompletableFuture().join();
    }

    private void assertRejected(String token, String reasonContains) {
        CompletionException failure = assertThrows(CompletionException.class, () -> verifier.verify(token).toCompletableFuture().join());
        assertInstanceOf(TokenRejected.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains(reasonContains), failure.getCause().getMessage());
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).algorithm(JWSAlgorithm.RS256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Keys(Map<String, VerificationKey> byKid) implements SigningKeys {
        @Override
        public CompletionStage<Optional<VerificationKey>> find(String kid) {
            return CompletableFuture.completedFuture(Optional.ofNullable(byKid.get(kid)));
        }

        @Override
        public boolean hasKeys() {
            return !byKid.isEmpty();
        }
    }

    private static final class Revocations implements RevocationView {
        final Set<String> revokedSessions = new java.util.HashSet<>();
        final Set<String> revokedClients = new java.util.HashSet<>();
        final Set<String> revokedTokens = new java.util.HashSet<>();
        Optional<String> unavailable = Optional.empty();

        @Override
        public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
            return revokedSessions.contains(sessionId) || revokedTokens.contains(tokenId) || revokedClients.contains(clientId);
        }

        @Override
        public boolean isKeyRevoked(String keyId) {
            return false;
        }

        @Override
        public Optional<String> unavailableReason() {
            return unavailable;
        }
    }
}
