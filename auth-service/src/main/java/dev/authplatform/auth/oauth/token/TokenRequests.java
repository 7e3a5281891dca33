package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.client.ClientAuthenticator;
import dev.authplatform.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import dev.authplatform.auth.throttle.AbuseLimits;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A parsed token request answered: the client authenticates, must be registered for the grant, and the {@link Grant}
 * of that type issues. The token endpoint and the platform's own consoles (a first-party client that redeems its
 * codes in this process) go through here alike; refusals are {@link OAuthError}s.
 */
@Singleton
public class TokenRequests {

    private final ClientAuthenticator clients;
    private final Map<GrantType, Grant> grants;
    private final AbuseLimits limits;

    TokenRequests(ClientAuthenticator clients, List<Grant> grants, AbuseLimits limits) {
        this.clients = clients;
        this.limits = limits;
        this.grants = grants.stream().collect(Collectors.toUnmodifiableMap(Grant::type, Function.identity()));
    }

    /** @param now taken before the request was read (see {@link Grant#issue}) */
    public AccessTokenResponse answer(TokenRequest request, String clientAddress, Instant now) {
        AuthenticatedClient client = clients.authenticate(request.getClientAuthentication(), request.getClientID(), clientAddress);
        limits.take(AbuseLimits.Limit.TOKEN_PER_CLIENT, client.client().clientId()).ifPresent(wait -> {
            throw OAuthError.slowDown("too many token requests from this client; retry in " + wait + " s", wait);
        });
        GrantType type = request.getAuthorizationGrant().getType();
        Grant grant = grants.get(type);
        if (grant == null) {
            throw OAuthError.of(OAuth2Error.UNSUPPORTED_GRANT_TYPE, "this server does not offer the " + type.getValue() + " grant");
        }
        if (!client.client().allowsGrant(type.getValue())) {
            throw OAuthError.unauthorizedClient("the client is not registered for the " + type.getValue() + " grant");
        }
        return grant.issue(request, client, now);
    }
}
