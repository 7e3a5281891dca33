package dev.authplatform.auth.web;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.common.web.ProblemForUnacceptableInput;
import dev.authplatform.common.web.UnacceptableInput;
import dev.authplatform.common.web.UnacceptableInputAnswer;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;


/**
 * auth-service's answer to unacceptable input, in each endpoint family's own format:
 * <ul>
 *   <li>the token, revocation and introspection endpoints: RFC 6749 section 5.2 JSON; a {@code client_id} no client can
 *       have is {@code invalid_client} (401), a {@code grant_type} no grant has is {@code unsupported_grant_type}, any
 *       other parameter {@code invalid_request};</li>
 *   <li>userinfo: {@code invalid_request} with the bearer challenge (RFC 6750 section 3.1);</li>
 *   <li>what a browser walks through (authorize, sign-in, consent, logout, the sessions page, the account pages, the consoles): the
 *       hosted error page, never a redirect that would carry the input back to a client;</li>
 *   <li>the JSON API: the problem naming the field.</li>
 * </ul>
 */
@Singleton
@Replaces(ProblemForUnacceptableInput.class)
final class UnacceptableInputByFamily implements UnacceptableInputAnswer {

    private final ProblemForUnacceptableInput problems;
    private final FamilyAnswers families;

    UnacceptableInputByFamily(FamilyAnswers families) {
        this.problems = new ProblemForUnacceptableInput();
        this.families = families;
    }

    @Override
    public MutableHttpResponse<?> answer(HttpRequest<?> request, UnacceptableInput input) {
        String path = request.getPath();
        if (FamilyAnswers.OAUTH_JSON.matcher(path).matches()) {
            if ("client_id".equals(input.name())) {
                return OAuthError.invalidClient(false).toResponse();
            }
            if ("grant_type".equals(input.name())) {
                return OAuthError.of(OAuth2Error.UNSUPPORTED_GRANT_TYPE, "the grant_type holds a control character").toResponse();
            }
            return OAuthError.invalidRequest(input.describe()).toResponse();
        }
        if (FamilyAnswers.USERINFO.matcher(path).matches()) {
            return OAuthError.invalidRequest(input.describe()).toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\"");
        }
        if (FamilyAnswers.BROWSER.matcher(path).matches()) {
            return families.page(request, HttpStatus.BAD_REQUEST, "This request cannot be read", input.describe(), "invalid_request");
        }
        return problems.answer(request, input);
    }
}
