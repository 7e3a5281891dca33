package dev.authplatform.auth.oauth.signin;

import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.session.SessionRow;
import dev.authplatform.auth.session.SessionService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;

/**
 * The hosted list of the signed-in browser's user's sessions ({@code GET /oauth2/sessions}), each with a sign-out
 * button that ends it at every verifier ({@code POST /oauth2/sessions/end}, with the page's CSRF token): the same
 * list and the same effect as {@code GET} and {@code DELETE /auth/sessions}.
 */
@Controller("/oauth2/sessions")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SessionsPageController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final SigninSessions signins;
    private final SessionService sessions;
    private final SigninPages pages;
    private final ClientService clients;

    SessionsPageController(SigninSessions signins, SessionService sessions, SigninPages pages, ClientService clients) {
        this.signins = signins;
        this.sessions = sessions;
        this.pages = pages;
        this.clients = clients;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> list(HttpRequest<?> http) {
        return signins.current(http)
                .<HttpResponse<?>>map(signedIn -> {
                    Function<String, String> clientNames = clients.sessionClientNames();
                    return pages.sessions(sessions.activeOf(signedIn.user().id()).stream()
                            .map(session -> line(session, signedIn.idHash(), clientNames)).toList(), http.isSecure());
                })
                .orElseGet(() -> pages.message(HttpStatus.UNAUTHORIZED, "Not signed in",
                        "Sign in to an application first; then this page lists where you are signed in.", null));
    }

    @Post(value = "/end", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> end(HttpRequest<?> http, @Body Map<String, String> form) {
        if (!pages.csrfMatches(http, form.get("csrf"))) {
            return pages.message(HttpStatus.FORBIDDEN, "The form expired", "Open the list of your sessions again and retry.", null);
        }
        var signedIn = signins.current(http).orElse(null);
        if (signedIn == null) {
            return pages.message(HttpStatus.UNAUTHORIZED, "Not signed in", "Sign in to an application first.", null);
        }
        UUID id;
        try {
            id = UUID.fromString(form.getOrDefault("session", ""));
        } catch (IllegalArgumentException e) {
            return pages.message(HttpStatus.BAD_REQUEST, "No such session", "This session is not one of yours, or it has ended.", null);
        }
        if (!sessions.revokeOwn(signedIn.user().id(), id, "ended-by-user")) {
            return pages.message(HttpStatus.NOT_FOUND, "No such session", "This session is not one of yours, or it has ended.", null);
        }
        return pages.redirect(URI.create("/oauth2/sessions")).status(HttpStatus.SEE_OTHER);
    }

    private SigninPages.SessionLine line(SessionRow session, String signinHash, Function<String, String> clientNames) {
        return SigninPages.SessionLine.of(session, clientNames.apply(session.clientId()), WHEN, signinHash.equals(session.signinSession()));
    }
}
