package dev.authplatform.auth.oauth.revoke;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.revocation.RevocationWriter;
import dev.authplatform.auth.revocation.RevokedTokenRepository;
import dev.authplatform.auth.session.SessionRepository;
import dev.authplatform.auth.session.SessionRow;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.token.RefreshTokenVerifier;
import dev.authplatform.auth.token.SignedByUs;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@code /oauth2/revoke} revokes (RFC 7009 section 2.1). A refresh token ends its session, access tokens
 * included (the grant it came from). An access token is refused on its own, by its {@code jti}, at every verifier.
 * Only tokens issued to the calling client are revoked; anything else (unknown, expired, foreign, already revoked)
 * changes nothing, and the caller is told nothing different (section 2.2: 200 whatever the token).
 */
@Singleton
class TokenRevocation {

    private final RefreshTokenVerifier refreshTokens;
    private final SessionRepository sessionRows;
    private final SessionService sessions;
    private final SignedByUs signedByUs;
    private final VerifierSettings issuer;
    private final RevokedTokenRepository revokedTokens;
    private final RevocationWriter revocations;
    private final SecurityAudit audit;

    TokenRevocation(RefreshTokenVerifier refreshTokens, SessionRepository sessionRows, SessionService sessions, SignedByUs signedByUs,
                    VerifierSettings issuer, RevokedTokenRepository revokedTokens, RevocationWriter revocations, SecurityAudit audit) {
        this.refreshTokens = refreshTokens;
        this.sessionRows = sessionRows;
        this.sessions = sessions;
        this.signedByUs = signedByUs;
        this.issuer = issuer;
        this.revokedTokens = revokedTokens;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** Revokes {@code token} if it is one of ours, still alive, and issued to {@code clientId}. The hint is not needed. */
    void revoke(String token, String clientId) {
        if (!revokeRefreshToken(token, clientId)) {
            revokeAccessToken(token, clientId);
        }
    }

    private boolean revokeRefreshToken(String token, String clientId) {
        RefreshTokenVerifier.RefreshClaims claims;
        try {
            claims = refreshTokens.verify(token);
        } catch (RefreshTokenVerifier.InvalidRefreshToken notARefreshToken) {
            return false;
        }
        Optional<SessionRow> session = sessionRows.findById(claims.sessionId());
        if (session.isPresent() && clientId.equals(session.get().clientId())) {
            sessions.revoke(session.get().id(), "oauth-revoke");
            audit.tokenRevoked(clientId, "refresh-token");
        }
        return true;
    }

    private void revokeAccessToken(String token, String clientId) {
        ourAccessToken(token).ifPresent(claims -> {
            Instant expiresAt = claims.getExpirationTime().toInstant();
            if (clientId.equals(stringClaim(claims, PlatformClaims.CLIENT_ID)) && expiresAt.isAfter(Instant.now())) {
                UUID jti = UUID.fromString(claims.getJWTID());
                revokedTokens.insert(jti, Instant.now(), expiresAt); // PostgreSQL first: the seeder's source
                revocations.tokenRevoked(jti.toString(), expiresAt);
                audit.tokenRevoked(clientId, "access-token");
            }
        });
    }

    /** The claims of an access token this server signed, with the fields a revocation needs; else empty. */
    private Optional<JWTClaimsSet> ourAccessToken(String token) {
        return signedByUs.claims(token, issuer.accessTokenType()).filter(claims -> {
            try {
                UUID.fromString(claims.getJWTID());
                return claims.getExpirationTime() != null;
            } catch (IllegalArgumentException | NullPointerException e) {
                return false;
            }
        });
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }
}
