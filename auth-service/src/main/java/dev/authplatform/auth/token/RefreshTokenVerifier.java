package dev.authplatform.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.VerificationKey;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Checks a presented refresh token: signature by a published key with the key's own algorithm, {@code typ}
 * {@code refresh+jwt}, issuer, audience (the issuer itself), lifetime. Whether it is still the session's
 * current refresh token is decided by the session store, not here.
 */
@Singleton
public class RefreshTokenVerifier {

    private final KeyStore keys;
    private final VerifierSettings settings;

    RefreshTokenVerifier(KeyStore keys, VerifierSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /** The claims of a refresh token that passed every check. */
    public record RefreshClaims(UUID userId, UUID sessionId, UUID refreshId) {
    }

    /** Thrown for any refresh token that fails a check; the message is safe to show. */
    public static final class InvalidRefreshToken extends RuntimeException {
        InvalidRefreshToken(String reason) {
            super(reason, null, false, false);
        }
    }

    public RefreshClaims verify(String compact) {
        try {
            SignedJWT jwt = SignedJWT.parse(compact);
            if (!new JOSEObjectType(PlatformClaims.REFRESH_TOKEN_TYPE).equals(jwt.getHeader().getType())) {
                throw new InvalidRefreshToken("the token is not a refresh token");
            }
            String kid = jwt.getHeader().getKeyID();
            VerificationKey key = (kid == null ? null : keys.find(kid).toCompletableFuture().join().orElse(null));
            if (key == null || !key.algorithm().equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(key.verifier())) {
                throw new InvalidRefreshToken("the refresh token's signature is invalid");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!settings.issuer().equals(claims.getIssuer()) || claims.getAudience() == null
                    || !claims.getAudience().contains(settings.issuer())) {
                throw new InvalidRefreshToken("the refresh token was not issued for this service");
            }
            Date exp = claims.getExpirationTime();
            if (exp == null || !exp.toInstant().isAfter(Instant.now())) {
                throw new InvalidRefreshToken("the refresh token has expired");
            }
            return new RefreshClaims(uuid(claims.getSubject()), uuid(claims.getStringClaim(PlatformClaims.SESSION_ID)), uuid(claims.getJWTID()));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            throw new InvalidRefreshToken("the refresh token is malformed");
        }
    }

    private static UUID uuid(String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing claim");
        }
        return UUID.fromString(value);
    }
}
