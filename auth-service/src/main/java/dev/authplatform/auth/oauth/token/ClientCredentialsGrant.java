package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.audit.SecurityMetrics;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import dev.authplatform.auth.token.TokenIssuer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * RFC 6749 section 4.4: a confidential client gets a token for itself, to call other services. The token names the
 * client as its subject, carries the client's roles and the scopes asked for (all of the client's when it asks for
 * none, section 3.3), and comes without a refresh token (section 4.4.3).
 */
@Singleton
final class ClientCredentialsGrant implements Grant {

    private final TokenIssuer issuer;
    private final SecurityAudit audit;
    private final SecurityMetrics metrics;

    ClientCredentialsGrant(TokenIssuer issuer, SecurityAudit audit, SecurityMetrics metrics) {
        this.metrics = metrics;
        this.issuer = issuer;
        this.audit = audit;
    }

    @Override
    public GrantType type() {
        return GrantType.CLIENT_CREDENTIALS;
    }

    @Override
    public AccessTokenResponse issue(TokenRequest request, AuthenticatedClient client, Instant now) {
        if (client.isPublic()) {
            throw OAuthError.unauthorizedClient("a public client cannot use client_credentials");
        }
        List<String> allowed = client.client().scopeList();
        List<String> scopes = request.getScope() == null ? allowed : request.getScope().toStringList();
        if (!allowed.containsAll(scopes)) {
            throw OAuthError.invalidScope("the client may not ask for: "
                    + String.join(" ", scopes.stream().filter(s -> !allowed.contains(s)).toList()));
        }
        // Never before the client's own cut-off: a token issued in the same second as a rotation stays valid.
        Instant issuedAt = client.client().tokensNotBefore() != null && client.client().tokensNotBefore().isAfter(now)
                ? client.client().tokensNotBefore() : now;
        TokenIssuer.Issued token = issuer.serviceToken(client.clientId(), client.client().roleList(), scopes, issuedAt);
        audit.tokenIssued(client.clientId(), type().getValue(), client.clientId());
        metrics.tokenIssued(type().getValue());
        long lifetime = Duration.between(now, token.expiresAt()).toSeconds();
        return new AccessTokenResponse(new Tokens(new BearerAccessToken(token.token(), lifetime, new Scope(scopes.toArray(String[]::new))), null));
    }
}
