package dev.authplatform.auth.oauth.signin;

import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.oauth.OpaqueTokens;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.token.TokenSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The browser's sign-in session (single sign-on): after the hosted page checked the password, a cookie that lets a
 * second app sign the same user in without asking again. The cookie is a random id ({@code HttpOnly},
 * {@code SameSite=Lax}, {@code Secure} over HTTPS), its server side a row in PostgreSQL found by the id's hash, so a
 * tampered, expired or revoked cookie finds nothing valid and the user is asked to sign in. Signing out revokes the
 * row and every token session started from it, at every verifier.
 */
@Singleton
public class SigninSessions {

    public static final String COOKIE = "authplatform_signin";

    private final SigninSessionRepository rows;
    private final UserRepository users;
    private final SessionService sessions;
    private final Duration lifetime;
    private final SecurityAudit audit;

    SigninSessions(SigninSessionRepository rows, UserRepository users, SessionService sessions, TokenSettings tokens,
                   SecurityAudit audit) {
        this.audit = audit;
        this.rows = rows;
        this.users = users;
        this.sessions = sessions;
        this.lifetime = tokens.sessionMax();
    }

    /** A browser that is signed in: who, since when, and the hash its cookie is known by. */
    public record SignedIn(UserRow user, Instant authTime, String idHash, String amr) {
    }

    /** A sign-in session just started: who, and the cookie that carries it. */
    record Started(SignedIn signedIn, Cookie cookie) {
    }

    /** Starts a sign-in session for a user who just proved who they are ({@code amr}: how, RFC 8176 values). */
    Started start(UserRow user, boolean secure, String amr) {
        String id = OpaqueTokens.generate();
        String hash = OpaqueTokens.hash(id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // as precise as the cut-offs it is compared with
        rows.save(new SigninSessionRow(hash, user.id(), now, now.plus(lifetime), null, amr));
        return new Started(new SignedIn(user, now, hash, amr), cookie(id, lifetime, secure));
    }

    /** The signed-in user behind the request's cookie, if it names a live session of an enabled user. */
    public Optional<SignedIn> current(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue)
                .flatMap(id -> rows.findById(OpaqueTokens.hash(id)))
                .filter(row -> row.revokedAt() == null && row.expiresAt().isAfter(Instant.now()))
                .flatMap(row -> users.findById(row.userId()).filter(UserRow::enabled)
                        // signed in before "log out everywhere", an admin's revoke-sessions or a disable: no longer
                        .filter(user -> user.tokensNotBefore() == null || !row.authTime().isBefore(user.tokensNotBefore()))
                        .map(user -> new SignedIn(user, row.authTime(), row.idHash(), row.amr())));
    }

    /** Ends every browser sign-in session of the user (a password change: whoever knew the old one is out). */
    public void endAllOf(java.util.UUID userId) {
        rows.revokeAllOf(userId, Instant.now());
    }

    /**
     * Ends the browser's sign-in session, if any, and every session of tokens it started, at every verifier; returns
     * the cookie that clears it in the browser.
     */
    Cookie end(HttpRequest<?> request, boolean secure) {
        current(request).ifPresent(signedIn -> {
            rows.revoke(signedIn.idHash(), Instant.now());
            sessions.revokeStartedFrom(signedIn.idHash(), "signout");
            audit.signinSessionEnded(signedIn.user().id(), "signout");
        });
        return cookie("", Duration.ZERO, secure);
    }

    private static Cookie cookie(String value, Duration maxAge, boolean secure) {
        return Cookie.of(COOKIE, value).httpOnly(true).secure(secure).sameSite(SameSite.Lax).path("/oauth2").maxAge(maxAge);
    }
}
