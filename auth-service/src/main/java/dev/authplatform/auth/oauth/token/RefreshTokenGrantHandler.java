package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import dev.authplatform.auth.session.SessionService;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * RFC 6749 section 6: a new pair for a refresh token, with the same single-use rotation and reuse detection as
 * {@code /auth/refresh} (RFC 9700 section 4.14.2), bound to the client it was issued to; the scope may narrow, never
 * widen.
 */
@Singleton
final class RefreshTokenGrantHandler implements Grant {

    private final SessionService sessions;
    private final SecurityAudit audit;

    RefreshTokenGrantHandler(SessionService sessions, SecurityAudit audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public GrantType type() {
        return GrantType.REFRESH_TOKEN;
    }

    @Override
    public AccessTokenResponse issue(TokenRequest request, AuthenticatedClient client, Instant now) {
        String presented = ((RefreshTokenGrant) request.getAuthorizationGrant()).getRefreshToken().getValue();
        SessionService.SessionTokens tokens;
        try {
            tokens = sessions.refreshFor(presented, client.clientId(), request.getScope() == null ? null : request.getScope().toStringList());
        } catch (SessionService.RefreshRefused e) {
            throw e.scopeExceeded() ? OAuthError.invalidScope(e.getMessage()) : OAuthError.invalidGrant(e.getMessage());
        }
        audit.tokenIssued(client.clientId(), type().getValue(), tokens.user().id().toString());
        Scope scope = new Scope(tokens.scopes().toArray(String[]::new));
        long lifetime = Duration.between(tokens.issuedAt(), tokens.access().expiresAt()).toSeconds();
        return new AccessTokenResponse(new Tokens(new BearerAccessToken(tokens.access().token(), lifetime, scope),
                new RefreshToken(tokens.refresh().token())));
    }
}
