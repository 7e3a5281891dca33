package dev.authplatform.auth.console;

import dev.authplatform.auth.oauth.OpaqueTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import java.time.Duration;
import java.util.Optional;

/**
 * A console's cookies, each HttpOnly and scoped to the console's path (so the JSON API never sees them): the access
 * token (read by {@link ConsoleAuthenticationFetcher}), the refresh token that renews it, the CSRF token every form
 * carries back (double submit), and the state of a sign-in in progress. SameSite=Lax, not Strict: a link to the
 * console from another site is a top-level navigation whose every redirect counts as cross-site, and with Strict
 * cookies it would never see the session it has just made (sign in, come back without the cookies, sign in again).
 * Lax cookies still never ride along on another site's form posts, and every change here is a form with the CSRF token.
 */
final class ConsoleCookies {

    static final String ACCESS = "authplatform_console";
    static final String REFRESH = "authplatform_console_refresh";
    static final String CSRF = "authplatform_console_csrf";
    static final String FLOW = "authplatform_console_flow";
    private static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);

    private ConsoleCookies() {
    }

    static Optional<String> read(HttpRequest<?> request, String name) {
        return request.getCookies().findCookie(name).map(Cookie::getValue).filter(value -> !value.isEmpty());
    }

    /** The tokens of a console session just started or renewed; a new CSRF token only when there was none. */
    static void signedIn(MutableHttpResponse<?> response, HttpRequest<?> request, ConsoleArea area, String access, String refresh) {
        boolean secure = request.isSecure();
        response.cookie(cookie(ACCESS, access, area, secure, null));
        if (refresh != null) {
            response.cookie(cookie(REFRESH, refresh, area, secure, null));
        }
        if (read(request, CSRF).isEmpty()) {
            response.cookie(cookie(CSRF, OpaqueTokens.generate(), area, secure, null));
        }
        response.cookie(cookie(FLOW, "", area, secure, Duration.ZERO));
    }

    static void signedOut(MutableHttpResponse<?> response, HttpRequest<?> request, ConsoleArea area) {
        for (String name : new String[] {ACCESS, REFRESH, CSRF, FLOW}) {
            response.cookie(cookie(name, "", area, request.isSecure(), Duration.ZERO));
        }
    }

    static Cookie flow(String value, ConsoleArea area, boolean secure) {
        return cookie(FLOW, value, area, secure, FLOW_LIFETIME);
    }

    /** Whether a posted CSRF token is the one its cookie holds. */
    static boolean csrfMatches(HttpRequest<?> request, String posted) {
        return OpaqueTokens.sameValue(read(request, CSRF).orElse(null), posted);
    }

    private static Cookie cookie(String name, String value, ConsoleArea area, boolean secure, Duration maxAge) {
        Cookie cookie = Cookie.of(name, value).httpOnly(true).secure(secure).sameSite(SameSite.Lax).path(area.base());
        return maxAge == null ? cookie : cookie.maxAge(maxAge);
    }
}
