package dev.authplatform.auth.oauth.consent;

import dev.authplatform.auth.oauth.authorize.AuthorizationFailure;
import dev.authplatform.auth.oauth.authorize.AuthorizationRequests;
import dev.authplatform.auth.oauth.authorize.Authorizations;
import dev.authplatform.auth.oauth.authorize.ValidatedAuthorization;
import dev.authplatform.auth.oauth.signin.SigninPages;
import dev.authplatform.auth.oauth.signin.SigninSessions;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth2/consent}: the consent page's answer. The request is checked again, the CSRF token against its
 * cookie, and the browser must still be signed in; "allow" is remembered for this user and client, "deny" goes back
 * to the client as {@code access_denied}.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsentController {

    private final AuthorizationRequests requests;
    private final SigninSessions signins;
    private final Consents consents;
    private final Authorizations authorizations;
    private final SigninPages pages;

    ConsentController(AuthorizationRequests requests, SigninSessions signins, Consents consents, Authorizations authorizations,
                      SigninPages pages) {
        this.requests = requests;
        this.signins = signins;
        this.consents = consents;
        this.authorizations = authorizations;
        this.pages = pages;
    }

    @Post(value = "/consent", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> decide(HttpRequest<?> http, @Body Map<String, String> form) {
        ValidatedAuthorization request;
        try {
            request = requests.validate(form.get("request"));
        } catch (AuthorizationFailure failure) {
            return pages.failure(failure);
        }
        Optional<SigninSessions.SignedIn> user = signins.current(http);
        if (user.isEmpty()) {
            return pages.signIn(request, null, "Please sign in again.", HttpStatus.UNAUTHORIZED, http.isSecure());
        }
        if (!pages.csrfMatches(http, form.get("csrf"))) {
            return pages.message(HttpStatus.FORBIDDEN, "Sign-in cannot continue",
                    "The form expired or did not come from this page. Go back to the application and try again.", null);
        }
        if (!"allow".equals(form.get("decision"))) {
            return pages.redirect(authorizations.denied(request)).status(HttpStatus.SEE_OTHER);
        }
        consents.grant(user.get().user().id(), request.client().clientId(), request.scopes());
        return pages.proceed(request, user.get(), http).status(HttpStatus.SEE_OTHER);
    }
}
