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
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bridge between the verifier and Micronaut Security: a token proves a caller (and the request is marked with
 * it), or proves none and the request says why; the same whether the verdict is ready at once or waits for keys.
 */
class PlatformTokenValidatorTest {

    private static final String ISSUER = "https://auth.platform.test";
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final RSAKey key = generate();
    private final AtomicReference<CompletableFuture<Optional<VerificationKey>>> keysAnswer =
            new AtomicReference<>(CompletableFuture.completedFuture(VerificationKey.of(key.toPublicJWK())));
    private final PlatformTokenValidator validator = new PlatformTokenValidator(new AccessTokenVerifier(
            new VerifierSettings(ISSUER, "platform", null, "at+jwt", Duration.ZERO, Duration.ofSeconds(10), Duration.ofMinutes(5), 100),
            new SigningKeys() {
                @Override
                public CompletionStage<Optional<VerificationKey>> find(String kid) {
                    return keysAnswer.get();
                }

                @Override
                public boolean hasKeys() {
                    return keysAnswer.get().isDone() && keysAnswer.get().join().isPresent();
                }
            },
            new NothingRevoked(), Clock.fixed(NOW, ZoneOffset.UTC)));
    private final List<String> validated = new ArrayList<>();

    @Test
    void aValidTokenProvesItsCallerAndMarksTheRequest() {
        String token = sign(ISSUER);
        MutableHttpRequest<?> request = HttpRequest.GET("/api/me");

        Authentication caller = validator.authenticate(token, request, (on, valid) -> validated.add(valid)).block();

        assertEquals("user-1", caller.getName());
        assertEquals(List.of("user"), List.copyOf(caller.getRoles()));
        assertEquals("session-1", caller.getAttributes().get(PlatformTokenValidator.SESSION_ID));
        assertEquals(List.of(token), validated);
        assertFalse(request.getAttribute(PlatformTokenValidator.REJECTION_ATTRIBUTE).isPresent());
    }

    @Test
    void aTokenVerifiedBeforeIsAnsweredAgainWithTheSameCaller() {
        String token = sign(ISSUER);
        validator.authenticate(token, HttpRequest.GET("/api/me"), (on, valid) -> { }).block();

        Authentication again = validator.authenticate(token, HttpRequest.GET("/api/me"), (on, valid) -> validated.add(valid)).block();

        assertEquals("user-1", again.getName());
        assertEquals(List.of(token), validated);
    }

    @Test
    void aRefusedTokenProvesNoCallerAndTheRequestSaysWhy() {
        MutableHttpRequest<?> request = HttpRequest.GET("/api/me");

        Authentication caller = validator.authenticate(sign("https://evil.test"), request, (on, valid) -> validated.add(valid)).block();

        assertNull(caller);
        assertTrue(validated.isEmpty());
        assertTrue(request.getAttribute(PlatformTokenValidator.REJECTION_ATTRIBUTE, String.class).orElseThrow().contains("issuer"));
    }

    @Test
    void aVerdictThatWaitsForTheKeysArrivesWhenTheyDo() {
        CompletableFuture<Optional<VerificationKey>> pending = new CompletableFuture<>();
        keysAnswer.set(pending);
        String token = sign(ISSUER);
        MutableHttpRequest<?> request = HttpRequest.GET("/api/me");

        CompletableFuture<Authentication> caller = validator.authenticate(token, request, (on, valid) -> validated.add(valid)).toFuture();
        assertFalse(caller.isDone());
        pending.complete(VerificationKey.of(key.toPublicJWK()));

        assertEquals("user-1", caller.join().getName());
        assertEquals(List.of(token), validated);
    }

    @Test
    void withoutKeysAfterWaitingTheRequestIsUndecidedNotRefused() {
        CompletableFuture<Optional<VerificationKey>> pending = new CompletableFuture<>();
        keysAnswer.set(pending);
        MutableHttpRequest<?> request = HttpRequest.GET("/api/me");

        Mono<Authentication> caller = validator.authenticate(sign(ISSUER), request, (on, valid) -> validated.add(valid));
        pending.complete(Optional.empty());

        assertNull(caller.block());
        assertTrue(validated.isEmpty());
        assertTrue(request.getAttribute(PlatformTokenValidator.UNAVAILABLE_ATTRIBUTE).isPresent());
        assertFalse(request.getAttribute(PlatformTokenValidator.REJECTION_ATTRIBUTE).isPresent());
    }

    private String sign(String issuer) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).subject("user-1").audience("platform")
                            .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(900)))
                            .jwtID("token-1").claim("sid", "session-1").claim("roles", List.of("user")).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("key-1").algorithm(JWSAlgorithm.RS256).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class NothingRevoked implements RevocationView {
        @Override
        public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
            return false;
        }

        @Override
        public boolean isKeyRevoked(String keyId) {
            return false;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }
    }
}
