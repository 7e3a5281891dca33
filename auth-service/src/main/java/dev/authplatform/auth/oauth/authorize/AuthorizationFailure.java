package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.id.State;
import dev.authplatform.auth.oauth.ErrorDescriptions;

import java.net.URI;

/**
 * A refused authorization request (RFC 6749 section 4.1.2.1). With {@code redirectUri} null the client or its
 * redirect URI could not be verified, so the error is shown on a page and never sent anywhere: sending it to an
 * unverified URI is an open redirect.
 */
public final class AuthorizationFailure extends RuntimeException {

    private final ErrorObject error;
    private final URI redirectUri;
    private final State state;

    private AuthorizationFailure(ErrorObject error, URI redirectUri, State state) {
        super(error.getCode(), null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    /** The client and its redirect URI are not verified: an error page. */
    static AuthorizationFailure onPage(ErrorObject error, String description) {
        return new AuthorizationFailure(error.setDescription(ErrorDescriptions.safe(description)), null, null);
    }

    /** The redirect URI is the client's, verified: the error goes back to it, with the state. */
    static AuthorizationFailure toClient(ErrorObject error, String description, URI redirectUri, State state) {
        return new AuthorizationFailure(error.setDescription(ErrorDescriptions.safe(description)), redirectUri, state);
    }

    public ErrorObject error() {
        return error;
    }

    public URI redirectUri() {
        return redirectUri;
    }

    public State state() {
        return state;
    }
}
