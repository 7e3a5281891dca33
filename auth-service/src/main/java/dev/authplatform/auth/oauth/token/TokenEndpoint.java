package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.OAuthExchange;
import dev.authplatform.auth.oauth.client.ClientAuthenticator;
import dev.authplatform.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
import dev.authplatform.auth.throttle.AbuseLimits;
import dev.authplatform.common.verify.VerifierSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST /oauth2/token} (RFC 6749 section 3.2): form in, tokens or an RFC 6749 section 5.2 error out. It parses
 * (Nimbus), authenticates the client, checks the client is registered for the grant, and hands over to the
 * {@link Grant} of that type; it knows no grant itself. The password grant is not offered (RFC 9700 section 2.4).
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class TokenEndpoint {

    private final ClientAuthenticator clients;
    private final Map<GrantType, Grant> grants;
    private final URI endpoint;

    /** The client's address, through trusted proxies (auth.proxies.trusted): for the throttle and the audit trail. */
    private final HttpClientAddressResolver addresses;
    private final AbuseLimits limits;

    TokenEndpoint(ClientAuthenticator clients, List<Grant> grants, VerifierSettings issuer, HttpClientAddressResolver addresses,
                  AbuseLimits limits) {
        this.addresses = addresses;
        this.limits = limits;
        this.clients = clients;
        this.grants = grants.stream().collect(Collectors.toUnmodifiableMap(Grant::type, Function.identity()));
        this.endpoint = URI.create(issuer.issuerBase() + "/oauth2/token");
    }

    /** Every content type is let in, so that a JSON body gets the protocol's invalid_request, not a bare 415. */
    @Post(value = "/token", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> token(HttpRequest<?> http, @Nullable @Body String body) {
        Instant now = Instant.now();
        return OAuthExchange.guarded(() -> {
            TokenRequest request = OAuthExchange.parse(TokenRequest::parse, http, body, endpoint);
            AuthenticatedClient client = clients.authenticate(request.getClientAuthentication(), request.getClientID(),
                    addresses.resolve(http));
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
            return OAuthExchange.noStore(grant.issue(request, client, now).toJSONObject());
        });
    }
}
