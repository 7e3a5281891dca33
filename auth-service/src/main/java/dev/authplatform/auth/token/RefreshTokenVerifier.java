package dev.authplatform.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.key.RefreshTokenKeys;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
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
    private final RefreshTokenKeys keys;
    private final VerifierSettings settings;

    RefreshTokenVerifier(SignedByUs signedByUs, RefreshTokenKeys keys, VerifierSettings settings) {
        this.signedByUs = signedByUs;
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
        JWTClaimsSet claims = signedClaims(compact)
                .orElseThrow(() -> new InvalidRefreshToken("the token is not a refresh token signed by this service"));
        if (claims.getAudience() == null || !claims.getAudience().contains(settings.issuer())) {
            throw new InvalidRefreshToken("the refresh token was not issued for this service");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(Instant.now())) {
            throw new InvalidRefreshToken("the refresh token has expired");
        }
        try {
            return new RefreshClaims(uuid(claims.getSubject()), uuid(claims.getStringClaim(PlatformClaims.SESSION_ID)), uuid(claims.getJWTID()));
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidRefreshToken("the refresh token is malformed");
        }
    }

    /**
     * The claims of a refresh token this service signed: HS256 with one of its refresh-token keys, or (issued before
     * those existed, until they expire) a published signing key with that key's own algorithm; issuer and typ
     * {@code refresh+jwt} either way.
     */
    private Optional<JWTClaimsSet> signedClaims(String compact) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(compact);
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return signedByUs.claims(compact, PlatformClaims.REFRESH_TOKEN_TYPE);
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || !new JOSEObjectType(PlatformClaims.REFRESH_TOKEN_TYPE).equals(jwt.getHeader().getType())) {
            return Optional.empty();
        }
        try {
            Optional<JWSVerifier> verifier = keys.verifier(kid);
            if (verifier.isEmpty() || !jwt.verify(verifier.get())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return settings.issuer().equals(claims.getIssuer()) ? Optional.of(claims) : Optional.empty();
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private static UUID uuid(String value) {
        if (value == null) {
            throw new IllegalArgumentException("missing claim");
        }
        return UUID.fromString(value);
    }
}
