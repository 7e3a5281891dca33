package dev.authplatform.auth.oauth.introspect;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.session.SessionRepository;
import dev.authplatform.auth.session.SessionRow;
import dev.authplatform.auth.token.RefreshTokenVerifier;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.AccessTokenVerifier;
import dev.authplatform.common.verify.TokenRejected;
import dev.authplatform.common.verify.VerificationUnavailable;
import dev.authplatform.common.verify.VerifiedToken;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Decides what {@code /oauth2/introspect} says (RFC 7662 section 2.2). An access token is judged by the same
 * verifier every service uses (signature, lifetime, revocation), so introspection never calls a token active that a
 * verifier would refuse. A refresh token is active while it is its session's current one, and is described only to
 * the client it was issued to. Anything else is {@code {"active": false}} and nothing more.
 */
@Singleton
class TokenIntrospection {

    private static final TokenIntrospectionSuccessResponse INACTIVE = new TokenIntrospectionSuccessResponse.Builder(false).build();

    private final AccessTokenVerifier accessTokens;
    private final RefreshTokenVerifier refreshTokens;
    private final SessionRepository sessions;
    private final UserRepository users;
    private final VerifierSettings settings;

    TokenIntrospection(AccessTokenVerifier accessTokens, RefreshTokenVerifier refreshTokens, SessionRepository sessions,
                       UserRepository users, VerifierSettings settings) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.users = users;
        this.settings = settings;
    }

    TokenIntrospectionSuccessResponse introspect(String token, String callerClientId) {
        return accessToken(token).or(() -> refreshToken(token, callerClientId)).orElse(INACTIVE);
    }

    private Optional<TokenIntrospectionSuccessResponse> accessToken(String token) {
        VerifiedToken verified;
        try {
            verified = accessTokens.verify(token).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof VerificationUnavailable) {
                // The view cannot vouch for itself: saying "active" could be wrong, "inactive" a guess. Fail closed, honestly.
                throw OAuthError.unavailable("token state cannot be checked right now; retry shortly");
            }
            if (e.getCause() instanceof TokenRejected) {
                return Optional.empty();
            }
            throw e;
        }
        TokenIntrospectionSuccessResponse.Builder active = new TokenIntrospectionSuccessResponse.Builder(true)
                .tokenType(AccessTokenType.BEARER)
                .subject(new Subject(verified.subject()))
                .issuer(new Issuer(settings.issuer()))
                .audience(new Audience(settings.audience()).toSingleAudienceList())
                .issueTime(Date.from(verified.issuedAt()))
                .expirationTime(Date.from(verified.expiresAt()))
                .jwtID(new JWTID(verified.tokenId()));
        if (verified.clientId() != null) {
            active.clientID(new ClientID(verified.clientId()));
        }
        if (!verified.scopes().isEmpty()) {
            active.scope(new Scope(verified.scopes().toArray(String[]::new)));
        }
        if (verified.email() != null) {
            active.username(verified.email());
        }
        if (verified.sessionId() != null) {
            active.parameter(PlatformClaims.SESSION_ID, verified.sessionId());
        }
        active.parameter(PlatformClaims.ROLES, verified.roles());
        return Optional.of(active.build());
    }

    private Optional<TokenIntrospectionSuccessResponse> refreshToken(String token, String callerClientId) {
        RefreshTokenVerifier.RefreshClaims claims;
        try {
            claims = refreshTokens.verify(token);
        } catch (RefreshTokenVerifier.InvalidRefreshToken e) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Optional<SessionRow> session = sessions.findById(claims.sessionId())
                .filter(s -> callerClientId.equals(s.clientId()))
                .filter(s -> s.revokedAt() == null && s.expiresAt().isAfter(now) && s.refreshJti().equals(claims.refreshId()));
        Optional<UserRow> user = session.flatMap(s -> users.findById(s.userId())).filter(UserRow::enabled);
        if (session.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        TokenIntrospectionSuccessResponse.Builder active = new TokenIntrospectionSuccessResponse.Builder(true)
                .tokenType(new AccessTokenType("refresh_token"))
                .subject(new Subject(user.get().id().toString()))
                .clientID(new ClientID(callerClientId))
                .issuer(new Issuer(settings.issuer()))
                .username(user.get().email())
                .jwtID(new JWTID(claims.refreshId().toString()))
                .parameter(PlatformClaims.SESSION_ID, session.get().id().toString());
        if (session.get().scope() != null && !session.get().scope().isBlank()) {
            active.scope(Scope.parse(session.get().scope()));
        }
        return Optional.of(active.build());
    }
}
