package dev.authplatform.auth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Checks a presented refresh token: signature (HS256 by a refresh-token key of this service, or, for tokens issued
 * before those keys existed, a published key with the key's own algorithm), {@code typ}
 * {@code refresh+jwt}, issuer, audience (the issuer itself), lifetime. Whether it is still the session's
 * current refresh token is decided by the session store, not here.
 */
@Singleton
public class RefreshTokenVerifier {

    private final SignedByUs signedByUs;
    private final VerifierSettings settings;

    RefreshTokenVerifier(SignedByUs signedByUs, VerifierSettings settings) {
        this.signedByUs = signedByUs;
        this.settings = settings;
    }

    /** The claims of a refresh token that passed every check. */
    /** Why a refresh token of a key revoked in an emergency is refused. */
    public static final String REVOKED_KEY = "the refresh token was signed with a revoked key; sign in again";

    public record RefreshClaims(UUID userId, UUID sessionId, UUID refreshId, String keyId) {
    }

    /** Thrown for any refresh token that fails a check; the message is safe to show. */
    public static final class InvalidRefreshToken extends RuntimeException {
        InvalidRefreshToken(String reason) {
            super(reason, null, false, false);
        }
    }

    public RefreshClaims verify(String compact) {
        SignedByUs.Signed signed = signedByUs.refreshTokenClaims(compact)
                .orElseThrow(() -> new InvalidRefreshToken(signedByUs.namesRevokedKey(compact)
                        ? REVOKED_KEY : "the token is not a refresh token signed by this service"));
        JWTClaimsSet claims = signed.claims();
        if (claims.getAudience() == null || !claims.getAudience().contains(settings.issuer())) {
            throw new InvalidRefreshToken("the refresh token was not issued for this service");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(Instant.now())) {
            throw new InvalidRefreshToken("the refresh token has expired");
        }
        try {
            return new RefreshClaims(uuid(claims.getSubject()), uuid(claims.getStringClaim(PlatformClaims.SESSION_ID)), uuid(claims.getJWTID()), signed.keyId());
        } catch (ParseException | IllegalArgumentException e) {
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
