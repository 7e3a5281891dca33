package dev.authplatform.auth.session;

import dev.authplatform.common.verify.PlatformTokenValidator;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;

import java.util.Map;
import java.util.UUID;

/**
 * The user behind a bearer token and the session it belongs to. A service token (client credentials) names no
 * user and no session, so the endpoints that act on "me" refuse it with 403 rather than guess.
 */
public record SignedInUser(UUID userId, UUID sessionId) {

    public static SignedInUser of(Authentication caller) {
        Object session = caller.getAttributes().get(PlatformTokenValidator.SESSION_ID);
        if (!(session instanceof String sid)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                    "This endpoint acts on a signed-in user; a service token has none.",
                    Map.of("WWW-Authenticate", "Bearer error=\"insufficient_scope\", error_description=\"a user's token is required\""));
        }
        return new SignedInUser(UUID.fromString(caller.getName()), UUID.fromString(sid));
    }
}
