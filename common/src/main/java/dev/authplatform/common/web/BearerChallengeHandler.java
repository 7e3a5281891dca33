package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;
import dev.authplatform.common.verify.PlatformTokenValidator;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * RFC 6750 section 3 challenges for refused requests: {@code Bearer} when no token came,
 * {@code error="invalid_token"} when one was refused (the problem detail says which check failed),
 * {@code error="insufficient_scope"} when a valid token lacks the role or scope (naming the scope), and 503 when the verifier could not
 * decide (it never lets a request through on a view it cannot vouch for). A service with browser pages behind a
 * cookie (auth-service's consoles) extends it and answers those paths with pages.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class BearerChallengeHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        var scope = request.getAttribute(PlatformTokenValidator.MISSING_SCOPE_ATTRIBUTE, String.class);
        if (exception.isForbidden() && scope.isPresent()) {
            return ProblemResponses.of(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                            "The access token does not carry the scope this action needs: " + scope.get() + ".")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope.get() + "\"");
        }
        if (exception.isForbidden()) {
            return ProblemResponses.of(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                            "The access token does not carry a role this action needs.")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        }
        var unavailable = request.getAttribute(PlatformTokenValidator.UNAVAILABLE_ATTRIBUTE, String.class);
        if (unavailable.isPresent()) {
            return ProblemResponses.of(ProblemException.unavailable("Tokens cannot be checked right now: " + unavailable.get() + ".", 1));
        }
        var rejection = request.getAttribute(PlatformTokenValidator.REJECTION_ATTRIBUTE, String.class);
        if (rejection.isPresent()) {
            return ProblemResponses.of(HttpStatus.UNAUTHORIZED, ProblemTypes.INVALID_TOKEN, "Invalid token",
                            "The access token was refused: " + rejection.get() + ".")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\"" + rejection.get() + "\"");
        }
        return ProblemResponses.of(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthorized",
                        "This resource needs a bearer access token.")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
