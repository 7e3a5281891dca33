package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import dev.authplatform.auth.oauth.consent.Consents;
import dev.authplatform.auth.oauth.signin.SigninSessions.SignedIn;
import dev.authplatform.auth.session.SessionOrigin;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Optional;

/**
 * The end of an authorization request: a code sent back to the client's verified redirect URI with the state and the
 * issuer (RFC 9207, against mix-up attacks), or the error.
 */
@Singleton
public class Authorizations {

    private final AuthorizationCodes codes;
    private final Consents consents;
    private final Issuer issuer;

    Authorizations(AuthorizationCodes codes, Consents consents, VerifierSettings settings) {
        this.codes = codes;
        this.consents = consents;
        this.issuer = new Issuer(settings.issuer());
    }

    /**
     * The code for a signed-in user's request, sent back to the client; empty when the user must first agree to what
     * a client that is not first-party asks for (never for {@code prompt=none}, which gets {@code consent_required}).
     */
    public Optional<URI> codeRedirect(ValidatedAuthorization request, SignedIn user, SessionOrigin browser) {
        if (!request.client().firstParty() && !consents.covers(user.user().id(), request.client().clientId(), request.scopes())) {
            if (request.promptNone()) {
                throw AuthorizationFailure.toClient(new ErrorObject("consent_required"), "the user has not agreed to this client yet",
                        request.redirectUri(), request.state());
            }
            return Optional.empty();
        }
        String code = codes.issue(request.client().clientId(), request.redirectUri().toString(), request.codeChallenge(),
                user.user().id(), String.join(" ", request.scopes()), request.nonce(), user.authTime(), user.idHash(), user.amr(), browser);
        return Optional.of(new AuthorizationSuccessResponse(request.redirectUri(), new AuthorizationCode(code), null, request.state(), issuer,
                ResponseMode.QUERY).toURI());
    }

    /** The user declined: {@code access_denied} back to the client (RFC 6749 section 4.1.2.1). */
    public URI denied(ValidatedAuthorization request) {
        return refusal(AuthorizationFailure.toClient(OAuth2Error.ACCESS_DENIED, "the user declined", request.redirectUri(), request.state()));
    }

    /** Where a refusal goes back to; only called with a verified redirect URI. */
    public URI refusal(AuthorizationFailure failure) {
        return new AuthorizationErrorResponse(failure.redirectUri(), failure.error(), failure.state(), issuer, ResponseMode.QUERY).toURI();
    }
}
