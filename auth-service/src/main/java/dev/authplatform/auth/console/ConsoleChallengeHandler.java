package dev.authplatform.auth.console;

import dev.authplatform.common.verify.PlatformTokenValidator;
import dev.authplatform.common.web.BearerChallengeHandler;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Refusals on the consoles' paths are pages, not problems: no console session (or an expired one) on a page view
 * renews it or signs in and comes back; a form sent without one is refused with nothing changed; a signed-in user
 * without the role sees 403; an undecidable token, 503. Every other path keeps the bearer challenges.
 */
@Singleton
@Replaces(BearerChallengeHandler.class)
final class ConsoleChallengeHandler extends BearerChallengeHandler {

    private final ConsolePages pages;

    ConsoleChallengeHandler(ConsolePages pages) {
        this.pages = pages;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        var area = ConsoleArea.of(request.getPath());
        if (area.isEmpty()) {
            return super.handle(request, exception);
        }
        ConsoleArea console = area.get();
        if (request.getAttribute(PlatformTokenValidator.UNAVAILABLE_ATTRIBUTE, String.class).isPresent()) {
            return pages.message(request, console, HttpStatus.SERVICE_UNAVAILABLE, "Try again in a moment",
                    "The console cannot check your sign-in right now. Nothing was changed.", null).header("Retry-After", "1");
        }
        if (exception.isForbidden()) {
            return pages.message(request, console, HttpStatus.FORBIDDEN, "Administrators only",
                    "This page is for administrators. If you are one, sign in with your second factor where the MFA policy "
                            + "requires it. Nothing was changed.", exception.getAuthentication());
        }
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            String asked = request.getUri().getRawQuery() == null ? request.getPath() : request.getPath() + "?" + request.getUri().getRawQuery();
            return pages.seeOther(console.path("/renew?next=") + URLEncoder.encode(asked, StandardCharsets.UTF_8));
        }
        return pages.message(request, console, HttpStatus.UNAUTHORIZED, "Your console session has ended",
                "Nothing was changed. Open the page again to sign in, then retry.", null);
    }
}
