package dev.authplatform.auth.oauth.introspect;

import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.OAuthExchange;
import dev.authplatform.auth.oauth.client.ClientAuthenticator;
import dev.authplatform.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;
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

/**
 * {@code POST /oauth2/introspect} (RFC 7662): a confidential client asks whether a token is active and what it
 * carries. Public clients cannot prove who they are, so they are refused (section 2.1 requires authorization).
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class IntrospectionEndpoint {

    private final ClientAuthenticator clients;
    private final TokenIntrospection introspection;
    private final URI endpoint;

    /** The client's address, through trusted proxies (auth.proxies.trusted): for the throttle and the audit trail. */
    private final HttpClientAddressResolver addresses;

    IntrospectionEndpoint(ClientAuthenticator clients, TokenIntrospection introspection, VerifierSettings issuer, HttpClientAddressResolver addresses) {
        this.addresses = addresses;
        this.clients = clients;
        this.introspection = introspection;
        this.endpoint = URI.create(issuer.issuerBase() + "/oauth2/introspect");
    }

    @Post(value = "/introspect", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> introspect(HttpRequest<?> http, @Nullable @Body String body) {
        return OAuthExchange.guarded(() -> {
            TokenIntrospectionRequest request = OAuthExchange.parse(TokenIntrospectionRequest::parse, http, body, endpoint);
            if (request.getClientAuthentication() == null) {
                throw OAuthError.invalidClient(false);
            }
            AuthenticatedClient client = clients.authenticate(request.getClientAuthentication(), null, addresses.resolve(http));
            return OAuthExchange.noStore(introspection.introspect(request.getToken().getValue(), client.clientId()).toJSONObject());
        });
    }
}
