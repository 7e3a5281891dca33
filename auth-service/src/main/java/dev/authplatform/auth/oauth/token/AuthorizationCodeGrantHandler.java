package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.authorize.AuthorizationCodes;
import dev.authplatform.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.token.TokenIssuer;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * RFC 6749 section 4.1.3 with RFC 7636: a code for tokens, for the client it was issued to, with the same redirect
 * URI and the PKCE verifier; confidential clients authenticate, public clients are held by PKCE alone. The session it
 * starts is bound to the client; its refresh token (when the client has the refresh_token grant) follows the
 * single-use rules. With scope {@code openid} an ID token comes too (OIDC Core section 3.1.3.3).
 */
@Singleton
final class AuthorizationCodeGrantHandler implements Grant {

    private final AuthorizationCodes codes;
    private final SessionService sessions;
    private final UserRepository users;
    private final TokenIssuer issuer;
    private final SecurityAudit audit;

    AuthorizationCodeGrantHandler(AuthorizationCodes codes, SessionService sessions, UserRepository users, TokenIssuer issuer,
                                  SecurityAudit audit) {
        this.codes = codes;
        this.sessions = sessions;
        this.users = users;
        this.issuer = issuer;
        this.audit = audit;
    }

    @Override
    public GrantType type() {
        return GrantType.AUTHORIZATION_CODE;
    }

    @Override
    public AccessTokenResponse issue(TokenRequest request, AuthenticatedClient client, Instant now) {
        AuthorizationCodeGrant grant = (AuthorizationCodeGrant) request.getAuthorizationGrant();
        AuthorizationCodes.Grant granted = codes.redeem(grant.getAuthorizationCode().getValue(), client.clientId(),
                grant.getRedirectionURI() == null ? "" : grant.getRedirectionURI().toString(),
                grant.getCodeVerifier() == null ? null : grant.getCodeVerifier().getValue());
        UserRow user = users.findById(granted.userId()).filter(UserRow::enabled)
                .orElseThrow(() -> OAuthError.invalidGrant("the user can no longer sign in"));
        List<String> scopes = granted.scope().isBlank() ? List.of() : List.of(granted.scope().split(" "));
        // the token request comes from the client's back end: the session shows the browser the code was given to
        SessionService.SessionTokens tokens = sessions.startFor(user, client.clientId(), scopes, granted.signinSession(),
                granted.origin(), granted.amr());
        codes.produced(granted, tokens.session().id());
        audit.tokenIssued(client.clientId(), type().getValue(), user.id().toString());
        long lifetime = Duration.between(tokens.issuedAt(), tokens.access().expiresAt()).toSeconds();
        RefreshToken refresh = client.client().allowsGrant(ClientService.REFRESH_TOKEN) ? new RefreshToken(tokens.refresh().token()) : null;
        BearerAccessToken access = new BearerAccessToken(tokens.access().token(), lifetime, new Scope(scopes.toArray(String[]::new)));
        if (!scopes.contains(OIDCScopeValue.OPENID.getValue())) {
            return new AccessTokenResponse(new Tokens(access, refresh));
        }
        String idToken = issuer.idToken(user, client.clientId(), tokens.session().id(), granted.authTime(), granted.nonce(),
                tokens.access().token(), tokens.issuedAt(), tokens.session().amrList()).token();
        return new OIDCTokenResponse(new OIDCTokens(idToken, access, refresh));
    }
}
