package dev.authplatform.auth.session;

import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.audit.SecurityMetrics;
import dev.authplatform.auth.mfa.MfaPolicy;
import dev.authplatform.auth.oauth.backchannel.BackchannelLogouts;
import dev.authplatform.auth.revocation.RevocationWriter;
import dev.authplatform.auth.token.RefreshTokenVerifier;
import dev.authplatform.auth.token.TokenIssuer;
import dev.authplatform.auth.token.TokenSettings;
import dev.authplatform.common.api.TokenResponse;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sessions and their tokens: starts a session at login, rotates its refresh token (single use, with theft
 * detection), and ends sessions. PostgreSQL records every change first; {@link RevocationWriter} then makes
 * every verifier refuse the session's tokens, and {@link BackchannelLogouts} tells the session's client.
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
    private final SecurityMetrics metrics;
    private final MfaPolicy mfa;
    private final BackchannelLogouts backchannelLogouts;
    private final TransactionOperations<Connection> transactions;

    /** RFC 8176 authentication method references: a password; a one-time code (TOTP or a recovery code). */
    public static final String AMR_PASSWORD = "pwd";
    public static final String AMR_OTP = "otp";

    SessionService(SessionRepository sessions, UserRepository users, TokenIssuer issuer, RefreshTokenVerifier refreshTokens,
                   TokenSettings settings, RevocationWriter revocations, SecurityAudit audit, SecurityMetrics metrics, MfaPolicy mfa,
                   BackchannelLogouts backchannelLogouts, TransactionOperations<Connection> transactions) {
        this.backchannelLogouts = backchannelLogouts;
        this.transactions = transactions;
        this.mfa = mfa;
        this.metrics = metrics;
        this.sessions = sessions;
        this.users = users;
        this.issuer = issuer;
        this.refreshTokens = refreshTokens;
        this.settings = settings;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** The tokens of a session after a start or a refresh, before they are put in either API's shape. */
    public record SessionTokens(UserRow user, SessionRow session, TokenIssuer.Issued access, TokenIssuer.Issued refresh,
                                List<String> scopes, Instant issuedAt) {
    }

    /** A refresh token that was refused; the reason is safe to show. */
    public static final class RefreshRefused extends RuntimeException {
        private final boolean scopeExceeded;
        /** A retired token presented again: the session was ended for it. */
        private boolean reuse;

        RefreshRefused(String reason) {
            this(reason, false);
        }

        RefreshRefused(String reason, boolean scopeExceeded) {
            super(reason, null, false, false);
            this.scopeExceeded = scopeExceeded;
        }

        /** The token was fine but more scope was asked for than was granted (RFC 6749 section 6: invalid_scope). */
        public boolean scopeExceeded() {
            return scopeExceeded;
        }
    }

    /** Starts a session for a user who just proved who they are, and returns its first token pair. */
    public TokenResponse start(UserRow user, SessionOrigin origin, String amr) {
        return toTokenResponse(startFor(user, null, List.of(), null, origin, amr));
    }

    /**
     * Starts a session whose tokens belong to a client with these granted scopes (the authorization code grant),
     * started from a browser's sign-in session ({@code signinSession}, its hash; null when none).
     */
    public SessionTokens startFor(UserRow user, String clientId, List<String> scopes, String signinSession, SessionOrigin origin,
                                  String amr) {
        Instant now = now();
        UUID refreshId = UUID.randomUUID();
        SessionRow session = sessions.save(new SessionRow(UUID.randomUUID(), user.id(), now, now,
                now.plus(settings.sessionMax()), refreshId, null, clientId, clientId == null ? null : String.join(" ", scopes), null,
                signinSession, origin.address(), origin.userAgent(), amr));
        metrics.tokenIssued(clientId == null ? "password" : "authorization_code");
        return tokens(user, session, refreshId, now, scopes);
    }

    /**
     * {@code /auth/refresh}: exchanges a refresh token of the JSON API for a new pair. A refresh token issued to an
     * OAuth client is refused here: it is bound to its client (RFC 6749 section 6).
     */
    public TokenResponse refresh(String refreshToken) {
        try {
            return toTokenResponse(rotate(refreshToken, null, null));
        } catch (RefreshRefused e) {
            throw invalidGrant(e.getMessage());
        }
    }

    /**
     * The refresh_token grant: only the client the token was issued to may use it, and it may ask for fewer scopes
     * than were granted, never more ({@code requestedScopes} null: the same).
     */
    public SessionTokens refreshFor(String refreshToken, String clientId, List<String> requestedScopes) {
        return rotate(refreshToken, clientId, requestedScopes);
    }

    /**
     * Exchanges a refresh token for a new pair. The presented token is retired atomically; presenting a retired
     * token again is treated as theft (RFC 9700 section 4.14.2): the whole session is revoked, access tokens included.
     * With {@code auth.tokens.refresh-reuse-grace} set, the token retired last, presented again within that time,
     * gets the current pair again instead: for a client whose first answer was lost.
     */
    private SessionTokens rotate(String refreshToken, String clientId, List<String> requestedScopes) {
        try {
            SessionTokens tokens = rotateOnce(refreshToken, clientId, requestedScopes);
            metrics.tokenIssued("refresh_token");
            return tokens;
        } catch (RefreshRefused e) {
            metrics.refresh(e.reuse ? "reuse" : "refused");
            throw e;
        }
    }

    private SessionTokens rotateOnce(String refreshToken, String clientId, List<String> requestedScopes) {
        RefreshTokenVerifier.RefreshClaims claims;
        try {
            claims = refreshTokens.verify(refreshToken);
        } catch (RefreshTokenVerifier.InvalidRefreshToken e) {
            throw new RefreshRefused(e.getMessage());
        }
        SessionRow before = sessions.findById(claims.sessionId()).orElseThrow(() -> new RefreshRefused("the session has ended"));
        if (!java.util.Objects.equals(before.clientId(), clientId)) {
            throw new RefreshRefused(clientId == null ? "the refresh token belongs to an OAuth client; use /oauth2/token"
                    : "the refresh token was not issued to this client");
        }
        List<String> granted = before.scope() == null || before.scope().isBlank() ? List.of() : List.of(before.scope().split(" "));
        List<String> scopes = requestedScopes == null ? granted : requestedScopes;
        if (!granted.containsAll(scopes)) {
            throw new RefreshRefused("the requested scope exceeds what was granted", true);
        }
        Instant now = now();
        UUID next = UUID.randomUUID();
        if (sessions.rotateRefresh(claims.sessionId(), claims.refreshId(), next, now, claims.keyId()) == 0) {
            SessionRow session = sessions.findById(claims.sessionId()).orElse(null);
            boolean live = session != null && session.revokedAt() == null && session.expiresAt().isAfter(now);
            if (live && withinRetryGrace(session, claims.refreshId(), now)) {
                metrics.refresh("grace");
                return tokens(activeUser(session), session, session.refreshJti(), session.lastUsedAt(), scopes);
            }
            if (live && !session.refreshJti().equals(claims.refreshId())) {
                audit.refreshTokenReused(session.userId(), session.id(), session.clientId());
                revoke(session.id(), "refresh-token-reuse");
                RefreshRefused reused = new RefreshRefused("the refresh token was already used; the session has been ended");
                reused.reuse = true;
                throw reused;
            }
            if (live) {
                // the token is the session's current one: only its key's revocation refused the swap
                throw new RefreshRefused(RefreshTokenVerifier.REVOKED_KEY);
            }
            throw new RefreshRefused("the session has ended");
        }
        // The row read above still holds all the tokens need: the rotation changed only the refresh id and last use.
        metrics.refresh("success");
        return tokens(activeUser(before), before, next, now, scopes);
    }

    private boolean withinRetryGrace(SessionRow session, UUID presented, Instant now) {
        Duration grace = settings.refreshReuseGrace();
        return !grace.isZero() && presented.equals(session.previousRefreshJti())
                && !session.lastUsedAt().plus(grace).isBefore(now);
    }

    private UserRow activeUser(SessionRow session) {
        UserRow user = users.findById(session.userId()).filter(UserRow::enabled).orElse(null);
        if (user == null) {
            revoke(session.id(), "account-disabled");
            throw new RefreshRefused("the session has ended");
        }
        return user;
    }

    /** Ends every session started from a browser's sign-in session (signing out of the hosted pages). */
    public void revokeStartedFrom(String signinSession, String reason) {
        for (UUID id : sessions.findActiveIdsStartedFrom(signinSession)) {
            revoke(id, reason);
        }
    }

    /** Ends every session of the user with that client (consent withdrawn). */
    public void revokeAllWithClient(UUID userId, String clientId, String reason) {
        for (UUID id : sessions.findActiveIdsWithClient(userId, clientId)) {
            revoke(id, reason);
        }
    }

    /** The user's sessions that are still alive, the most recently used first. */
    public List<SessionRow> activeOf(UUID userId) {
        return sessions.findActive(userId, now());
    }

    /**
     * Ends one of the user's own sessions, at every verifier. False when it is not theirs or has already ended: the
     * caller answers 404 either way, so no one learns about another user's sessions.
     */
    public boolean revokeOwn(UUID userId, UUID sessionId, String reason) {
        SessionRow session = sessions.findById(sessionId).orElse(null);
        if (session == null || !session.userId().equals(userId) || session.revokedAt() != null || !session.expiresAt().isAfter(now())) {
            return false;
        }
        revoke(sessionId, reason);
        return true;
    }

    /** Ends one session; {@code reason} is for the audit log. */
    public void revoke(UUID sessionId, String reason) {
        Instant now = now();
        if (end(sessionId, now)) {
            revocations.sessionRevoked(sessionId, now);
            SessionRow ended = sessions.findById(sessionId).orElse(null);
            audit.sessionEnded(ended == null ? null : ended.userId(), sessionId, ended == null ? null : ended.clientId(), reason);
        }
    }

    /** Ends every session of a user but {@code keep} (null: all), and refuses every token issued before now. */
    @Transactional
    public void revokeAllOf(UUID userId, UUID keep, String reason) {
        Instant now = now();
        List<UUID> active = sessions.findActiveIds(userId, now);
        for (UUID id : active) {
            if (!id.equals(keep) && end(id, now)) {
                revocations.sessionRevoked(id, now);
            }
        }
        if (keep == null) {
            users.raiseTokensNotBefore(userId, now);
            revocations.userTokensBefore(userId, now);
        }
        audit.allSessionsEnded(userId, reason);
    }

    /**
     * Marks the session ended and queues the logout notice its client may listen for, in one transaction (the
     * caller's, when there is one): an ended session's client is always told, even if this instance dies now.
     */
    private boolean end(UUID sessionId, Instant now) {
        return transactions.executeWrite(status -> {
            if (sessions.revoke(sessionId, now) != 1) {
                return false;
            }
            backchannelLogouts.queue(sessionId, now);
            return true;
        });
    }

    private SessionTokens tokens(UserRow user, SessionRow session, UUID refreshId, Instant now, List<String> scopes) {
        List<String> amr = session.amrList();
        TokenIssuer.Issued access = issuer.accessToken(user.id(), user.email(), grantedRoles(user, amr), session.id(), now,
                session.clientId(), scopes, amr);
        TokenIssuer.Issued refresh = issuer.refreshToken(user.id(), session.id(), refreshId, now, session.expiresAt());
        return new SessionTokens(user, session, access, refresh, scopes, now);
    }

    /** The user's roles, but those the MFA policy keeps for sessions that used a second factor. */
    private List<String> grantedRoles(UserRow user, List<String> amr) {
        if (amr.contains(SessionService.AMR_OTP)) {
            return user.roleList();
        }
        Set<String> required = mfa.requiredRoles();
        return user.roleList().stream().filter(role -> !required.contains(role)).toList();
    }

    /** How the session's user signed in (RFC 8176 values); empty for an unknown session. */
    public List<String> amrOf(UUID sessionId) {
        return sessions.findById(sessionId).map(SessionRow::amrList).orElse(List.of());
    }

    private static TokenResponse toTokenResponse(SessionTokens tokens) {
        Instant now = tokens.issuedAt();
        return new TokenResponse(TokenResponse.BEARER, tokens.access().token(), seconds(now, tokens.access().expiresAt()),
                tokens.refresh().token(), seconds(now, tokens.refresh().expiresAt()), tokens.user().toUser());
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
