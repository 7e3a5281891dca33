package dev.authplatform.auth.session;

import dev.authplatform.common.api.RefreshRequest;
import dev.authplatform.common.api.TokenResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;


/** {@code /auth/refresh}, {@code /auth/logout}, {@code /auth/logout-all}. */
@Controller("/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    TokenResponse refresh(@Body @Valid RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    /** Ends the caller's session: the {@code sid} of the presented access token. */
    @Post("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<Void> logout(Authentication caller) {
        sessions.revoke(SignedInUser.of(caller).sessionId(), "logout");
        return HttpResponse.noContent();
    }

    /** Ends every session of the caller. */
    @Post("/logout-all")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<Void> logoutAll(Authentication caller) {
        sessions.revokeAllOf(SignedInUser.of(caller).userId(), null, "logout-all");
        return HttpResponse.noContent();
    }
}
