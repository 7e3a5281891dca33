package dev.authplatform.auth.web;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.signin.SigninPages;
import dev.authplatform.common.web.ProblemForUnacceptableInput;
import dev.authplatform.common.web.UnacceptableInput;
import dev.authplatform.common.web.UnacceptableInputAnswer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;

import java.util.regex.Pattern;

/**
 * auth-service's answer to unacceptable input, in each endpoint family's own format:
 * <ul>
 *   <li>the token, revocation and introspection endpoints: RFC 6749 section 5.2 JSON; a {@code client_id} no client can
 *       have is {@code invalid_client} (401), a {@code grant_type} no grant has is {@code unsupported_grant_type}, any
 *       other parameter {@code invalid_request};</li>
 *   <li>userinfo: {@code invalid_request} with the bearer challenge (RFC 6750 section 3.1);</li>
 *   <li>what a browser walks through (authorize, sign-in, consent, logout, the sessions page, the account pages): the
 *       hosted error page, never a redirect that would carry the input back to a client;</li>
 *   <li>the JSON API: the problem naming the field.</li>
 * </ul>
 */
@Singleton
@Replaces(ProblemForUnacceptableInput.class)
final class UnacceptableInputByFamily implements UnacceptableInputAnswer {

    private static final Pattern OAUTH_JSON = Pattern.compile("/oauth2/(token|revoke|introspect)/?");
    private static final Pattern USERINFO = Pattern.compile("/oauth2/userinfo/?");
    private static final Pattern BROWSER = Pattern.compile("/(oauth2|account)/.*");

    private final ProblemForUnacceptableInput problems;
    private final SigninPages pages;
    /** The page is rendered here: an answer from a filter is not seen by the views filter that renders the controllers'. */
    private final ViewsRenderer<Object, HttpRequest<?>> views;

    UnacceptableInputByFamily(SigninPages pages, ViewsRenderer<Object, HttpRequest<?>> views) {
        this.problems = new ProblemForUnacceptableInput();
        this.pages = pages;
        this.views = views;
    }

    @Override
    public MutableHttpResponse<?> answer(HttpRequest<?> request, UnacceptableInput input) {
        String path = request.getPath();
        if (OAUTH_JSON.matcher(path).matches()) {
            if ("client_id".equals(input.name())) {
                return OAuthError.invalidClient(false).toResponse();
            }
            if ("grant_type".equals(input.name())) {
                return OAuthError.of(OAuth2Error.UNSUPPORTED_GRANT_TYPE, "the grant_type holds a control character").toResponse();
            }
            return OAuthError.invalidRequest(input.describe()).toResponse();
        }
        if (USERINFO.matcher(path).matches()) {
            return OAuthError.invalidRequest(input.describe()).toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\"");
        }
        if (BROWSER.matcher(path).matches()) {
            MutableHttpResponse<?> page = pages.message(HttpStatus.BAD_REQUEST, "This request cannot be read", input.describe(),
                    "invalid_request");
            ModelAndView<?> view = (ModelAndView<?>) page.body();
            return page.body(views.render(view.getView().orElseThrow(), view.getModel().orElse(null), request));
        }
        return problems.answer(request, input);
    }
}
