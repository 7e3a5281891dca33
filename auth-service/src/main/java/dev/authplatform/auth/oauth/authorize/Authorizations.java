package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.Issuer;
import dev.authplatform.auth.oauth.signin.SigninSessions.SignedIn;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * The end of an authorization request: a code sent back to the client's verified redirect URI with the state and the
 * issuer (RFC 9207, against mix-up attacks), or the error.
 */
@Singleton
public class Authorizations {

    private final AuthorizationCodes codes;
    private final Issuer issuer;

    Authorizations(AuthorizationCodes codes, VerifierSettings settings) {
        this.codes = codes;
        this.issuer = new Issuer(settings.issuer());
    }

    /**
     * Issues a code to a signed-in user's request. Consent is asked of no first-party client; for any other client
     * the consent screen is not built yet, so the request is refused ({@code consent_required} / {@code access_denied})
     * rather than granted without asking.
     */
    public URI complete(ValidatedAuthorization request, SignedIn user) {
        if (!request.client().firstParty()) {
            throw AuthorizationFailure.toClient(request.promptNone() ? new com.nimbusds.oauth2.sdk.ErrorObject("consent_required")
                            : OAuth2Error.ACCESS_DENIED, "this server cannot ask for consent yet; only first-party clients can sign users in",
                    request.redirectUri(), request.state());
        }
        String code = codes.issue(request.client().clientId(), request.redirectUri().toString(), request.codeChallenge(),
                user.user().id(), String.join(" ", request.scopes()), request.nonce(), user.authTime(), user.idHash());
        return new AuthorizationSuccessResponse(request.redirectUri(), new AuthorizationCode(code), null, request.state(), issuer,
                ResponseMode.QUERY).toURI();
    }

    /** Where a refusal goes back to; only called with a verified redirect URI. */
    public URI refusal(AuthorizationFailure failure) {
        return new AuthorizationErrorResponse(failure.redirectUri(), failure.error(), failure.state(), issuer, ResponseMode.QUERY).toURI();
    }
}
