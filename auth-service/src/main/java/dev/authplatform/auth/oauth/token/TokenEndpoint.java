package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.authplatform.auth.oauth.OAuthExchange;
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

/**
 * {@code POST /oauth2/token} (RFC 6749 section 3.2): form in, tokens or an RFC 6749 section 5.2 error out. It parses
 * (Nimbus) and hands the request to {@link TokenRequests}. The password grant is not offered (RFC 9700 section 2.4).
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class TokenEndpoint {

    private final TokenRequests requests;
    private final URI endpoint;

    /** The client's address, through trusted proxies (auth.proxies.trusted): for the throttle and the audit trail. */
    private final HttpClientAddressResolver addresses;

    TokenEndpoint(TokenRequests requests, VerifierSettings issuer, HttpClientAddressResolver addresses) {
        this.requests = requests;
        this.addresses = addresses;
        this.endpoint = URI.create(issuer.issuerBase() + "/oauth2/token");
    }

    /** Every content type is let in, so that a JSON body gets the protocol's invalid_request, not a bare 415. */
    @Post(value = "/token", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> token(HttpRequest<?> http, @Nullable @Body String body) {
        Instant now = Instant.now();
        return OAuthExchange.guarded(() -> {
            TokenRequest request = OAuthExchange.parse(TokenRequest::parse, http, body, endpoint);
            return OAuthExchange.noStore(requests.answer(request, addresses.resolve(http), now).toJSONObject());
        });
    }
}
