package dev.authplatform.auth.session;

import dev.authplatform.common.api.RefreshRequest;
import dev.authplatform.common.api.TokenResponse;
import dev.authplatform.common.api.SessionInfo;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.List;
import java.util.UUID;


/** {@code /auth/refresh}, {@code /auth/logout}, {@code /auth/logout-all}, and the caller's own {@code /auth/sessions}. */
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

    /** The caller's live sessions, the most recently used first; the one that asks is {@code current}. */
    @Get("/sessions")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    List<SessionInfo> list(Authentication caller) {
        SignedInUser user = SignedInUser.of(caller);
        return sessions.activeOf(user.userId()).stream()
                .map(session -> new SessionInfo(session.id(), session.createdAt(), session.lastUsedAt(), session.expiresAt(),
                        session.clientId(), session.clientAddress(), session.userAgent(), session.id().equals(user.sessionId())))
                .toList();
    }

    /** Ends one of the caller's sessions at every verifier; 404 for an id that is not a live session of theirs. */
    @Delete("/sessions/{id}")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<Void> end(@PathVariable UUID id, Authentication caller) {
        if (!sessions.revokeOwn(SignedInUser.of(caller).userId(), id, "ended-by-user")) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not Found", "You have no live session with this id.");
        }
        return HttpResponse.noContent();
    }
}
