package dev.authplatform.auth.oauth.signin;

import dev.authplatform.auth.oauth.OpaqueTokens;
import dev.authplatform.auth.session.SessionOrigin;
import dev.authplatform.auth.session.SessionRow;
import dev.authplatform.auth.web.HostedPages;
import dev.authplatform.auth.oauth.authorize.AuthorizationFailure;
import dev.authplatform.auth.oauth.authorize.Authorizations;
import dev.authplatform.auth.oauth.authorize.ValidatedAuthorization;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The hosted pages' answers: the sign-in form (with its CSRF token, a double-submit cookie that no other site can read
 * or send, SameSite=Strict), the error page, and redirects. Each page carries a strict Content-Security-Policy (no
 * script at all, styles only by this response's nonce, never framed) and sends no Referer to another origin.
 */
@Singleton
public class SigninPages {

    public static final String CSRF_COOKIE = "authplatform_csrf";

    private final Authorizations authorizations;
    private final HttpClientAddressResolver addresses;

    SigninPages(Authorizations authorizations, HttpClientAddressResolver addresses) {
        this.authorizations = authorizations;
        this.addresses = addresses;
    }

    /** The sign-in form for this request; {@code error} tied to the fields when the last try failed. */
    public MutableHttpResponse<?> signIn(ValidatedAuthorization request, String email, String error, HttpStatus status, boolean secure) {
        String csrf = OpaqueTokens.generate();
        Map<String, Object> model = new HashMap<>();
        model.put("clientName", request.client().name());
        model.put("request", request.rawQuery());
        model.put("csrf", csrf);
        model.put("email", email == null ? request.loginHint() : email);
        model.put("error", error);
        return page(status, "signin", model, request.redirectUri()).cookie(csrfCookie(csrf, secure));
    }

    /** The second step after a correct password: a code from the app, or a recovery code. */
    public MutableHttpResponse<?> secondStep(ValidatedAuthorization request, String mfaToken, String error, HttpStatus status, boolean secure) {
        String csrf = OpaqueTokens.generate();
        Map<String, Object> model = new HashMap<>();
        model.put("clientName", request.client().name());
        model.put("request", request.rawQuery());
        model.put("csrf", csrf);
        model.put("mfaToken", mfaToken);
        model.put("error", error);
        return page(status, "signin-mfa", model, request.redirectUri()).cookie(csrfCookie(csrf, secure));
    }

    private static Cookie csrfCookie(String csrf, boolean secure) {
        return Cookie.of(CSRF_COOKIE, csrf).httpOnly(true).secure(secure).sameSite(SameSite.Strict).path("/oauth2");
    }

    /**
     * After sign-in (or with a sign-in session): the code back to the client, or first the consent page. The code
     * remembers the browser's address and user agent for the session it will start.
     */
    public MutableHttpResponse<?> proceed(ValidatedAuthorization request, SigninSessions.SignedIn user, HttpRequest<?> browser) {
        return authorizations.codeRedirect(request, user, SessionOrigin.of(browser, addresses)).<MutableHttpResponse<?>>map(this::redirect)
                .orElseGet(() -> consent(request, browser.isSecure()));
    }

    /** What the client asks for, to agree to or decline, for a client that is not first-party. */
    public MutableHttpResponse<?> consent(ValidatedAuthorization request, boolean secure) {
        String csrf = OpaqueTokens.generate();
        Map<String, Object> model = new HashMap<>();
        model.put("clientName", request.client().name());
        model.put("scopes", request.scopes().stream().map(SigninPages::describe).toList());
        model.put("request", request.rawQuery());
        model.put("csrf", csrf);
        return page(HttpStatus.OK, "consent", model, request.redirectUri()).cookie(csrfCookie(csrf, secure));
    }

    private static String describe(String scope) {
        return "openid".equals(scope) ? "Know who you are (your account id, name and email address)" : "Use " + scope + " on your behalf";
    }

    /** A failure: on a page when its redirect URI is unverified, else back to the client. */
    public MutableHttpResponse<?> failure(AuthorizationFailure failure) {
        if (failure.redirectUri() == null) {
            return message(HttpStatus.BAD_REQUEST, "Sign-in cannot continue", failure.error().getDescription(), failure.error().getCode());
        }
        return redirect(authorizations.refusal(failure));
    }

    /** A page with a title and a sentence, and the protocol's error code when there is one. */
    public MutableHttpResponse<?> message(HttpStatus status, String title, String text, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("text", text);
        model.put("error", error);
        model.put("csrf", null);
        return page(status, "message", model, null);
    }

    /** "Sign out?" with a button: a form posted with its CSRF token, for a sign-out request that proves nothing. */
    public MutableHttpResponse<?> confirmSignOut(boolean secure) {
        String csrf = OpaqueTokens.generate();
        Map<String, Object> model = new HashMap<>();
        model.put("title", "Sign out?");
        model.put("text", "An application asks to sign you out of every application you signed in to here.");
        model.put("error", null);
        model.put("csrf", csrf);
        return page(HttpStatus.OK, "message", model, null).cookie(csrfCookie(csrf, secure));
    }

    /** One row of the sessions page: what it is, from where, since when, and whether this browser started it. */
    public record SessionLine(String id, String client, String device, String created, String lastUsed, boolean here) {

        /** A session named by its client ({@code client}), its times written with {@code when}. */
        public static SessionLine of(SessionRow session, String client, java.time.format.DateTimeFormatter when, boolean here) {
            String device = java.util.Objects.requireNonNullElse(session.userAgent(), "Unknown device")
                    + (session.clientAddress() == null ? "" : " · " + session.clientAddress());
            return new SessionLine(session.id().toString(), client, device, when.format(session.createdAt()),
                    when.format(session.lastUsedAt()), here);
        }
    }

    /** The signed-in user's sessions, each with a sign-out button (a form with this page's CSRF token). */
    public MutableHttpResponse<?> sessions(java.util.List<SessionLine> sessions, boolean secure) {
        String csrf = OpaqueTokens.generate();
        Map<String, Object> model = new HashMap<>();
        model.put("sessions", sessions);
        model.put("csrf", csrf);
        return page(HttpStatus.OK, "sessions", model, null).cookie(csrfCookie(csrf, secure));
    }

    /** Whether a posted CSRF token is the one its cookie holds (double submit; the cookie is SameSite=Strict). */
    public boolean csrfMatches(HttpRequest<?> request, String posted) {
        String cookie = request.getCookies().findCookie(CSRF_COOKIE).map(Cookie::getValue).orElse(null);
        return OpaqueTokens.sameValue(cookie, posted);
    }

    public MutableHttpResponse<?> redirect(URI location) {
        return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location.toString())
                .header("Referrer-Policy", "no-referrer");
    }

    private static MutableHttpResponse<?> page(HttpStatus status, String view, Map<String, Object> model, URI formTarget) {
        // form-action also governs where the form's answer redirects: the client's verified redirect URI must be allowed.
        return HostedPages.page(status, view, model, formTarget == null ? null : origin(formTarget));
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
