package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import dev.authplatform.auth.oauth.signin.SigninPages;
import dev.authplatform.auth.oauth.signin.SigninSessions;
import dev.authplatform.auth.oauth.signin.SigninSessions.SignedIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Optional;

/**
 * {@code GET /oauth2/authorize} (RFC 6749 section 4.1.1, OIDC Core section 3.1.2): a browser signed in here gets a code
 * at once (single sign-on); any other sees the hosted sign-in page. {@code prompt=login} asks again even so;
 * {@code prompt=none} never shows a page and answers {@code login_required} instead.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthorizeEndpoint {

    private final AuthorizationRequests requests;
    private final SigninSessions signins;
    private final SigninPages pages;

    AuthorizeEndpoint(AuthorizationRequests requests, SigninSessions signins, SigninPages pages) {
        this.requests = requests;
        this.signins = signins;
        this.pages = pages;
    }

    @Get(value = "/authorize", produces = MediaType.TEXT_HTML)
    HttpResponse<?> authorize(HttpRequest<?> http) {
        try {
            ValidatedAuthorization request = requests.validate(http.getUri().getRawQuery());
            Optional<SignedIn> signedIn = request.promptLogin() ? Optional.empty() : signins.current(http);
            if (signedIn.isEmpty()) {
                if (request.promptNone()) {
                    throw AuthorizationFailure.toClient(new ErrorObject("login_required"), "the user is not signed in",
                            request.redirectUri(), request.state());
                }
                return pages.signIn(request, null, null, HttpStatus.OK, http.isSecure());
            }
            return pages.proceed(request, signedIn.get(), http);
        } catch (AuthorizationFailure failure) {
            return pages.failure(failure);
        }
    }
}
