package dev.authplatform.auth.session;

import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.revocation.RevocationWriter;
import dev.authplatform.auth.token.RefreshTokenVerifier;
import dev.authplatform.auth.token.TokenIssuer;
import dev.authplatform.auth.token.TokenSettings;
import dev.authplatform.common.api.TokenResponse;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Sessions and their tokens: starts a session at login, rotates its refresh token (single use, with theft
 * detection), and ends sessions. PostgreSQL records every change first; {@link RevocationWriter} then makes
 * every verifier refuse the session's tokens.
 */
@Singleton
public class SessionService {

    private final SessionRepository sessions;
    private final UserRepository users;
    private final TokenIssuer issuer;
    private final RefreshTokenVerifier refreshTokens;
    private final TokenSettings settings;
    private final RevocationWriter revocations;
    private final SecurityAudit audit;

    SessionService(SessionRepository sessions, UserRepository users, TokenIssuer issuer, RefreshTokenVerifier refreshTokens,
                   TokenSettings settings, RevocationWriter revocations, SecurityAudit audit) {
        this.sessions = sessions;
        this.users = users;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.settings = settings;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** Starts a session for a user who just proved who they are, and returns its first token pair. */
    public TokenResponse start(UserRow user) {
        Instant now = now();
        UUID refreshId = UUID.randomUUID();
        SessionRow session = sessions.save(new SessionRow(UUID.randomUUID(), user.id(), now, now,
                now.plus(settings.sessionMax()), refreshId, null));
        return tokens(user, session.id(), refreshId, now, session.expiresAt());
    }

    /**
     * Exchanges a refresh token for a new pair. The presented token is retired atomically; presenting a retired
     * token again is treated as theft (RFC 9700 section 4.14.2): the whole session is revoked, access tokens included.
     */
    public TokenResponse refresh(String refreshToken) {
        RefreshTokenVerifier.RefreshClaims claims;
        try {
            claims = refreshTokens.verify(refreshToken);
        } catch (RefreshTokenVerifier.InvalidRefreshToken e) {
            throw invalidGrant(e.getMessage());
        }
        Instant now = now();
        UUID next = UUID.randomUUID();
        if (sessions.rotateRefresh(claims.sessionId(), claims.refreshId(), next, now) == 0) {
            SessionRow session = sessions.findById(claims.sessionId()).orElse(null);
            if (session != null && session.revokedAt() == null && session.expiresAt().isAfter(now)
                    && !session.refreshJti().equals(claims.refreshId())) {
                audit.refreshTokenReused(session.userId(), session.id());
                revoke(session.id(), "refresh-token-reuse");
                throw invalidGrant("the refresh token was already used; the session has been ended");
            }
            throw invalidGrant("the session has ended");
        }
        SessionRow session = sessions.findById(claims.sessionId()).orElseThrow();
        UserRow user = users.findById(session.userId()).filter(UserRow::enabled).orElse(null);
        if (user == null) {
            revoke(session.id(), "account-disabled");
            throw invalidGrant("the session has ended");
        }
        return tokens(user, session.id(), next, now, session.expiresAt());
    }

    /** Ends one session; {@code reason} is for the audit log. */
    public void revoke(UUID sessionId, String reason) {
        Instant now = now();
        if (sessions.revoke(sessionId, now) == 1) {
            revocations.sessionRevoked(sessionId, now);
            audit.sessionEnded(sessionId, reason);
        }
    }

    /** Ends every session of a user but {@code keep} (null: all), and refuses every token issued before now. */
    @Transactional
    public void revokeAllOf(UUID userId, UUID keep, String reason) {
        Instant now = now();
        List<UUID> active = sessions.findActiveIds(userId, now);
        for (UUID id : active) {
            if (!id.equals(keep) && sessions.revoke(id, now) == 1) {
                revocations.sessionRevoked(id, now);
            }
        }
        if (keep == null) {
            users.raiseTokensNotBefore(userId, now);
            revocations.userTokensBefore(userId, now);
        }
        audit.allSessionsEnded(userId, reason);
    }

    private TokenResponse tokens(UserRow user, UUID sessionId, UUID refreshId, Instant now, Instant sessionExpiresAt) {
        TokenIssuer.Issued access = issuer.accessToken(user.id(), user.email(), user.roleList(), sessionId, now);
        TokenIssuer.Issued refresh = issuer.refreshToken(user.id(), sessionId, refreshId, now, sessionExpiresAt);
        return new TokenResponse(TokenResponse.BEARER, access.token(), seconds(now, access.expiresAt()),
                refresh.token(), seconds(now, refresh.expiresAt()), user.toUser());
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ProblemException invalidGrant(String reason) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.INVALID_TOKEN, "Invalid refresh token",
                "The refresh token was refused: " + reason + ".", Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }
}
