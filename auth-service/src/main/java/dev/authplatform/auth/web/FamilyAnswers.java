package dev.authplatform.auth.web;

import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.signin.SigninPages;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemResponses;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which family an endpoint belongs to, for answers made before any controller runs (in a filter), each in the
 * family's own format: the OAuth endpoints' JSON (RFC 6749 section 5.2), the hosted pages (HTML, rendered here: an
 * answer from a filter is not seen by the views filter that renders the controllers'), or the JSON API's problems.
 */
@Singleton
public final class FamilyAnswers {

    static final Pattern OAUTH_JSON = Pattern.compile("/oauth2/(token|revoke|introspect)/?");
    static final Pattern USERINFO = Pattern.compile("/oauth2/userinfo/?");
    static final Pattern BROWSER = Pattern.compile("/(oauth2/.*|account(/.*)?|console(/.*)?)");

    private final SigninPages pages;
    private final ViewsRenderer<Object, HttpRequest<?>> views;

    FamilyAnswers(SigninPages pages, ViewsRenderer<Object, HttpRequest<?>> views) {
        this.pages = pages;
        this.views = views;
    }

    /** 429 with Retry-After: too many requests from one address. */
    public MutableHttpResponse<?> tooManyRequests(HttpRequest<?> request, long retryAfterSeconds) {
        String path = request.getPath();
        String retry = Long.toString(retryAfterSeconds);
        if (OAUTH_JSON.matcher(path).matches()) {
            return OAuthError.slowDown("too many requests from this address; retry in " + retry + " s", retryAfterSeconds).toResponse();
        }
        if (BROWSER.matcher(path).matches()) {
            return page(request, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                    "Too many requests came from your address. Wait " + retry + " seconds, then try again.", "slow_down")
                    .header(HttpHeaders.RETRY_AFTER, retry);
        }
        return ProblemResponses.of(new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS,
                "Too Many Requests", "Too many requests of this kind from this address; retry in " + retry + " s.",
                Map.of(HttpHeaders.RETRY_AFTER, retry)));
    }

    /** The hosted message page, rendered. */
    MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String title, String text, String error) {
        MutableHttpResponse<?> page = pages.message(status, title, text, error);
        ModelAndView<?> view = (ModelAndView<?>) page.body();
        return page.body(views.render(view.getView().orElseThrow(), view.getModel().orElse(null), request));
    }
}
