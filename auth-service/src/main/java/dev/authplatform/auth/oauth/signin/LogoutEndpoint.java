package dev.authplatform.auth.oauth.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import dev.authplatform.auth.oauth.client.ClientRow;
import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.token.SignedByUs;
import dev.authplatform.common.claims.PlatformClaims;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signing out. {@code GET /oauth2/logout} is OpenID Connect RP-Initiated Logout 1.0: with a valid {@code id_token_hint}
 * it ends the browser's sign-in session, every session of tokens started from it and the hint's own session, at
 * every verifier, then returns to the client's registered {@code post_logout_redirect_uri} with {@code state}. Without
 * a valid hint the user is asked to confirm (section 2: a bare link must not sign anyone out), by a form posted to
 * {@code POST /oauth2/logout} with a CSRF token.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class LogoutEndpoint {

    private final SignedByUs signedByUs;
    private final ClientService clients;
    private final SessionService sessions;
    private final SigninSessions signins;
    private final SigninPages pages;

    LogoutEndpoint(SignedByUs signedByUs, ClientService clients, SessionService sessions, SigninSessions signins, SigninPages pages) {
        this.signedByUs = signedByUs;
        this.clients = clients;
        this.sessions = sessions;
        this.signins = signins;
        this.pages = pages;
    }

    @Get(value = "/logout", produces = MediaType.TEXT_HTML)
    HttpResponse<?> logout(HttpRequest<?> http) {
        LogoutRequest request;
        try {
            request = LogoutRequest.parse(http.getUri().getRawQuery() == null ? "" : http.getUri().getRawQuery());
        } catch (ParseException e) {
            return pages.message(HttpStatus.BAD_REQUEST, "Sign-out cannot continue", "The sign-out request is not valid.", null);
        }
        Optional<JWTClaimsSet> hint = Optional.ofNullable(request.getIDTokenHint()).flatMap(jwt -> signedByUs.claims(jwt.serialize(), "JWT"));
        if (hint.isEmpty()) {
            return pages.confirmSignOut(http.isSecure());
        }
        Optional<ClientRow> client = hint.flatMap(claims -> claims.getAudience().stream().findFirst()).flatMap(clients::findActive);
        Cookie cleared = signins.end(http, http.isSecure());
        Object sid = hint.get().getClaim(PlatformClaims.SESSION_ID);
        if (sid instanceof String session) {
            sessions.revoke(UUID.fromString(session), "rp-logout");
        }
        URI back = request.getPostLogoutRedirectionURI();
        if (back != null && client.isPresent() && client.get().postLogoutRedirectUriList().contains(back.toString())) {
            String location = back + (request.getState() == null ? ""
                    : (back.getRawQuery() == null ? "?" : "&") + "state=" + request.getState().getValue());
            return pages.redirect(URI.create(location)).cookie(cleared);
        }
        return pages.message(HttpStatus.OK, "Signed out", "You are signed out. You can close this page.", null).cookie(cleared);
    }

    /** The confirmation form's answer; the CSRF token must match its cookie. */
    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> confirmed(HttpRequest<?> http, @Body Map<String, String> form) {
        if (!pages.csrfMatches(http, form.get("csrf"))) {
            return pages.message(HttpStatus.FORBIDDEN, "Sign-out cannot continue",
                    "The form expired or did not come from this page. Please try again.", null);
        }
        Cookie cleared = signins.end(http, http.isSecure());
        return pages.message(HttpStatus.OK, "Signed out", "You are signed out. You can close this page.", null).cookie(cleared);
    }
}
