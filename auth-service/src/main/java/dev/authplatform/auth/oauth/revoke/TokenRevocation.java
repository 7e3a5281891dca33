package dev.authplatform.auth.oauth.revoke;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.auth.revocation.RevocationWriter;
import dev.authplatform.auth.revocation.RevokedTokenRepository;
import dev.authplatform.auth.session.SessionRepository;
import dev.authplatform.auth.session.SessionRow;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.token.RefreshTokenVerifier;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.VerificationKey;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Instant;
import java.util.Objects;
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
    private final KeyStore keys;
    private final VerifierSettings issuer;
    private final RevokedTokenRepository revokedTokens;
    private final RevocationWriter revocations;
    private final SecurityAudit audit;

    TokenRevocation(RefreshTokenVerifier refreshTokens, SessionRepository sessionRows, SessionService sessions, KeyStore keys,
                    VerifierSettings issuer, RevokedTokenRepository revokedTokens, RevocationWriter revocations, SecurityAudit audit) {
        this.refreshTokens = refreshTokens;
        this.sessionRows = sessionRows;
        this.sessions = sessions;
        this.keys = keys;
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

    /** The claims of an access token this server signed (key's own algorithm, our issuer, the access type); else empty. */
    private Optional<JWTClaimsSet> ourAccessToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!Objects.equals(new JOSEObjectType(issuerAccessType()), jwt.getHeader().getType()) || jwt.getHeader().getKeyID() == null) {
                return Optional.empty();
            }
            Optional<VerificationKey> key = keys.find(jwt.getHeader().getKeyID()).toCompletableFuture().join();
            if (key.isEmpty() || !key.get().algorithm().equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(key.get().verifier())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.issuer().equals(claims.getIssuer()) || claims.getExpirationTime() == null || claims.getJWTID() == null) {
                return Optional.empty();
            }
            UUID.fromString(claims.getJWTID());
            return Optional.of(claims);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String issuerAccessType() {
        return issuer.accessTokenType();
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }
}
