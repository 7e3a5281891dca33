package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.authplatform.auth.oauth.client.ClientAuthenticator.AuthenticatedClient;

import java.time.Instant;

/**
 * One grant type of the token endpoint (RFC 6749 section 4 and 6). A new grant is a new bean implementing this;
 * {@link TokenEndpoint} finds it by {@link #type()} and does not change.
 */
public interface Grant {

    GrantType type();

    /**
     * Issues the tokens for a request whose client has authenticated and is registered for this grant type.
     *
     * @param now taken before the client authenticated, so that a token of a client whose secret was rotated in
     *            between carries a time before the rotation and is refused
     */
    AccessTokenResponse issue(TokenRequest request, AuthenticatedClient client, Instant now);
}
