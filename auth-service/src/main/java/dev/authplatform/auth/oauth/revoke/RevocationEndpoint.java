package dev.authplatform.auth.oauth.revoke;

import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
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
import java.util.Map;

/**
 * {@code POST /oauth2/revoke} (RFC 7009): an authenticated client (or a public client by its id) revokes a token
 * issued to it; 200 whatever the token was (section 2.2), so the answer tells nothing about other clients' tokens.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class RevocationEndpoint {

    private final ClientAuthenticator clients;
    private final TokenRevocation revocation;
    private final URI endpoint;

    /** The client's address, through trusted proxies (auth.proxies.trusted): for the throttle and the audit trail. */
    private final HttpClientAddressResolver addresses;

    RevocationEndpoint(ClientAuthenticator clients, TokenRevocation revocation, VerifierSettings issuer, HttpClientAddressResolver addresses) {
        this.addresses = addresses;
        this.clients = clients;
        this.revocation = revocation;
        this.endpoint = URI.create(issuer.issuerBase() + "/oauth2/revoke");
    }

    @Post(value = "/revoke", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> revoke(HttpRequest<?> http, @Nullable @Body String body) {
        return OAuthExchange.guarded(() -> {
            TokenRevocationRequest request = OAuthExchange.parse(TokenRevocationRequest::parse, http, body, endpoint);
            AuthenticatedClient client = clients.authenticate(request.getClientAuthentication(), request.getClientID(),
                    addresses.resolve(http));
            revocation.revoke(request.getToken().getValue(), client.clientId());
            return OAuthExchange.noStore(Map.of());
        });
    }
}
