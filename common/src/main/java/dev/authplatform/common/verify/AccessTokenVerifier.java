package dev.authplatform.common.verify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.revocation.RevocationView;
import dev.authplatform.common.verify.TokenRejected.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a compact JWS is a current access token of this platform. Each concern is one small
 * check, run in order: shape, {@code typ}, key, algorithm (from the key), signature, issuer, audience,
 * lifetime, required claims, revocation. The first failing check names itself in a {@link TokenRejected}.
 *
 * <p>A token that passed is remembered, keyed by its exact compact form, so the signature of a token seen before
 * is not checked again: the signature is the main cost of a protected request (bench/verify-throughput.sh).
 * Expiry and revocation are checked on every request all the same; what is skipped depends only on the token's
 * bytes. The memory is bounded (Caffeine: at most {@code auth.verified-token-cache-size} entries, least recently
 * used out first, each gone when its token expires; 0 turns it off).
 */
@Singleton
public class AccessTokenVerifier {

    private final VerifierSettings settings;
    private final SigningKeys keys;
    private final RevocationView revocations;
    private final Clock clock;
    /** Tokens whose signature passed, by their exact bytes; null when the cache is off. */
    private final Cache<RememberedKey, Remembered> verified;

    /**
     * A token's compact form as the key of a remembered token: equal only to the same characters, hashed over its
     * last characters alone. They are the end of the signature, as random as the whole, and hashing the whole
     * (about 900 characters, new on every request) was a third of a known caller's lookup.
     */
    private record RememberedKey(String compact) {

        private static final int HASHED_CHARACTERS = 24;

        @Override
        public int hashCode() {
            int hash = 0;
            for (int i = Math.max(0, compact.length() - HASHED_CHARACTERS); i < compact.length(); i++) {
                hash = 31 * hash + compact.charAt(i);
            }
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RememberedKey key && compact.equals(key.compact);
        }
    }

    /** A verified token and the epoch millisecond from which it is refused: its expiry plus the clock skew. */
    private record Remembered(VerifiedToken token, long acceptedUntilMillis) {
    }

    /** Refusals by the check that failed, and acceptances; every label is a fixed word. */
    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);
    private final Counter accepted;
    private final Counter unavailable;

    @Inject
    public AccessTokenVerifier(VerifierSettings settings, SigningKeys keys, RevocationView revocations, MeterRegistry meters) {
        this(settings, keys, revocations, Clock.systemUTC(), meters);
    }

    AccessTokenVerifier(VerifierSettings settings, SigningKeys keys, RevocationView revocations, Clock clock) {
        this(settings, keys, revocations, clock, new SimpleMeterRegistry());
    }

    AccessTokenVerifier(VerifierSettings settings, SigningKeys keys, RevocationView revocations, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
        this.verified = settings.verifiedTokenCacheSize() <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(settings.verifiedTokenCacheSize())
                // upkeep (LRU order, expiry) on the requesting thread: handing it to the common pool woke a thread
                // every few hundred requests, costing more in park/unpark system calls than the upkeep itself
                .executor(Runnable::run)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.creating((RememberedKey compact, Remembered remembered) ->
                        Duration.ofMillis(remembered.acceptedUntilMillis() - clock.millis())))
                .recordStats()
                .build();
        if (verified != null) {
            CaffeineCacheMetrics.monitor(meters, verified, "verified_tokens");
        }
        for (Reason reason : Reason.values()) {
            refused.put(reason, Counter.builder("authplatform.tokens.refused").tag("reason", reason.label())
                    .description("Access tokens this verifier refused, by the check that failed").register(meters));
        }
        accepted = Counter.builder("authplatform.tokens.accepted").description("Access tokens this verifier accepted").register(meters);
        unavailable = Counter.builder("authplatform.tokens.unverifiable")
                .description("Access tokens this verifier could not judge (keys unknown or revocation view not current): 503")
                .register(meters);
    }

    /** Completes with the verified claims, or exceptionally with {@link TokenRejected} or {@link VerificationUnavailable}. */
    public CompletionStage<VerifiedToken> verify(String compact) {
        RememberedKey key = new RememberedKey(compact);
        Remembered seen = verified == null ? null : verified.getIfPresent(key);
        if (seen != null) {
            // a token seen before: judged here, with no stage to chain (every protected request of a known caller)
            try {
                checkStillValid(key, seen);
            } catch (RuntimeException e) {
                count(e);
                return CompletableFuture.failedFuture(e);
            }
            accepted.increment();
            return CompletableFuture.completedFuture(seen.token());
        }
        return judge(compact).whenComplete((token, failure) -> count(failure));
    }

    private void count(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause == null) {
            accepted.increment();
        } else if (cause instanceof TokenRejected rejected) {
            refused.get(rejected.reason()).increment();
        } else {
            unavailable.increment();
        }
    }

    /** A token not seen before (or not remembered): every check, the signature included. */
    private CompletionStage<VerifiedToken> judge(String compact) {
        SignedJWT jwt;
        try {
            jwt = parse(compact);
            checkType(jwt.getHeader());
        } catch (TokenRejected e) {
            return CompletableFuture.failedFuture(e);
        }
        String kid = jwt.getHeader().getKeyID();
        return keys.find(kid).thenApply(key -> {
            VerificationKey verificationKey = key.orElseThrow(() -> keys.hasKeys()
                    ? new TokenRejected(Reason.UNKNOWN_KEY, "the token is signed with a key the issuer does not publish")
                    : new VerificationUnavailable("the issuer's signing keys are not known yet"));
            checkSignature(jwt, verificationKey);
            JWTClaimsSet claims = claimsOf(jwt);
            checkIssuerAndAudience(claims);
            checkLifetime(claims);
            VerifiedToken token = toVerifiedToken(claims, kid);
            checkRevocation(token);
            remember(compact, token);
            return token;
        });
    }

    /** What is re-checked for a token verified before: time passes, and sessions get revoked. */
    private void checkStillValid(RememberedKey compact, Remembered seen) {
        if (clock.millis() >= seen.acceptedUntilMillis()) {
            verified.invalidate(compact);
            throw new TokenRejected(Reason.EXPIRED, "the token has expired");
        }
        checkRevocation(seen.token());
    }

    private void remember(String compact, VerifiedToken token) {
        if (verified != null) {
            verified.put(new RememberedKey(compact), new Remembered(token, token.expiresAt().plus(settings.clockSkew()).toEpochMilli()));
        }
    }

    /** How many verified tokens are remembered, after pending evictions; for tests and metrics. */
    long rememberedTokens() {
        if (verified == null) {
            return 0;
        }
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static SignedJWT parse(String compact) {
        try {
            SignedJWT jwt = SignedJWT.parse(compact);
            if (jwt.getHeader().getKeyID() == null || jwt.getHeader().getKeyID().isBlank()) {
                throw new TokenRejected(Reason.MALFORMED, "the token does not name its signing key (kid)");
            }
            return jwt;
        } catch (ParseException e) {
            // Unsigned ("alg": "none") tokens land here too: they are not JWS objects.
            throw new TokenRejected(Reason.MALFORMED, "the token is not a signed JWT");
        }
    }

    /** RFC 9068 section 4: the access-token type is checked, so a refresh or ID token cannot pass as one. */
    private void checkType(JWSHeader header) {
        JOSEObjectType type = header.getType();
        String expected = settings.accessTokenType();
        boolean matches = type != null && (type.getType().equalsIgnoreCase(expected)
                || type.getType().equalsIgnoreCase("application/" + expected));
        if (!matches) {
            throw new TokenRejected(Reason.WRONG_TYPE, "the token is not an access token (typ must be " + expected + ")");
        }
    }

    /** The algorithm is the key's; a token that claims another one (HS256 with the public key, none) is refused. */
    private static void checkSignature(SignedJWT jwt, VerificationKey key) {
        if (!key.algorithm().equals(jwt.getHeader().getAlgorithm())) {
            throw new TokenRejected(Reason.WRONG_ALGORITHM, "the token's algorithm is not the algorithm of its signing key");
        }
        try {
            if (!jwt.verify(key.verifier())) {
                throw new TokenRejected(Reason.BAD_SIGNATURE, "the token's signature is invalid");
            }
        } catch (JOSEException e) {
            throw new TokenRejected(Reason.BAD_SIGNATURE, "the token's signature could not be checked");
        }
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejected(Reason.MALFORMED, "the token's claims are not a JSON object");
        }
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) {
        if (!settings.issuer().equals(claims.getIssuer())) {
            throw new TokenRejected(Reason.WRONG_ISSUER, "the token was not issued by the trusted issuer");
        }
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(settings.audience())) {
            throw new TokenRejected(Reason.WRONG_AUDIENCE, "the token is not meant for this audience");
        }
    }

    private void checkLifetime(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().plus(settings.clockSkew()).isAfter(now)) {
            throw new TokenRejected(Reason.EXPIRED, "the token has expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().minus(settings.clockSkew()).isAfter(now)) {
            throw new TokenRejected(Reason.NOT_YET_VALID, "the token is not valid yet");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().minus(settings.clockSkew()).isAfter(now)) {
            throw new TokenRejected(Reason.MISSING_CLAIM, "the token's issue time is missing or in the future");
        }
    }

    private static VerifiedToken toVerifiedToken(JWTClaimsSet claims, String keyId) {
        try {
            String subject = claims.getSubject();
            String sessionId = claims.getStringClaim(PlatformClaims.SESSION_ID);
            String tokenId = claims.getJWTID();
            String clientId = claims.getStringClaim(PlatformClaims.CLIENT_ID);
            boolean serviceToken = clientId != null && clientId.equals(subject);
            if (subject == null || tokenId == null || (sessionId == null && !serviceToken)) {
                throw new TokenRejected(Reason.MISSING_CLAIM, "the token lacks a required claim (sub, sid or jti)");
            }
            List<String> roles = Optional.ofNullable(claims.getStringListClaim(PlatformClaims.ROLES)).orElse(List.of());
            String scope = claims.getStringClaim(PlatformClaims.SCOPE);
            List<String> scopes = scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
            return new VerifiedToken(subject, claims.getStringClaim(PlatformClaims.EMAIL), List.copyOf(roles), sessionId, tokenId,
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(), clientId, scopes, keyId);
        } catch (ParseException e) {
            throw new TokenRejected(Reason.MALFORMED, "the token has a claim of the wrong type");
        }
    }

    private void checkRevocation(VerifiedToken token) {
        revocations.unavailableReason().ifPresent(reason -> {
            throw new VerificationUnavailable(reason);
        });
        if (revocations.isRevoked(token.tokenId(), token.keyId(), token.sessionId(), token.subject(), token.clientId(), token.issuedAt())) {
            throw new TokenRejected(Reason.REVOKED, "the token has been revoked");
        }
    }
}
