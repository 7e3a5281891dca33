package dev.authplatform.auth.oauth.signin;

import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.mfa.MultiFactor;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.oauth.authorize.AuthorizationFailure;
import dev.authplatform.auth.oauth.authorize.AuthorizationRequests;
import dev.authplatform.auth.oauth.authorize.ValidatedAuthorization;
import dev.authplatform.common.web.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;

/**
 * {@code POST /oauth2/signin}: the hosted form's answer. The original authorization request comes back with the form
 * and is checked again (nothing from the form is trusted), then the CSRF token against its cookie, then the password
 * exactly as {@code /auth/login} checks it (throttled, equal work for every failure). On success the browser gets its
 * sign-in session cookie and goes on to the client with a code, or first to the consent page.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class SigninController {

    private static final String WRONG = "The email address or the password is not correct.";

    private final AuthorizationRequests requests;
    private final AccountService accounts;
    private final SigninSessions signins;
    private final SigninPages pages;
    private final MultiFactor multiFactor;

    /** The client's address, through trusted proxies (auth.proxies.trusted): for the throttle and the audit trail. */
    private final HttpClientAddressResolver addresses;

    SigninController(AuthorizationRequests requests, AccountService accounts, SigninSessions signins, SigninPages pages,
                     HttpClientAddressResolver addresses, MultiFactor multiFactor) {
        this.multiFactor = multiFactor;
        this.addresses = addresses;
        this.requests = requests;
        this.accounts = accounts;
        this.signins = signins;
        this.pages = pages;
    }

    @Post(value = "/signin", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> signIn(HttpRequest<?> http, @Body Map<String, String> form) {
        Posted posted = check(http, form);
        if (posted instanceof Refused(HttpResponse<?> page)) {
            return page;
        }
        ValidatedAuthorization request = ((Valid) posted).request();
        String email = form.getOrDefault("email", "").strip();
        String password = form.getOrDefault("password", "");
        if (email.isEmpty() || password.isEmpty() || email.length() > 254 || password.length() > 128) {
            return pages.signIn(request, email, "Enter your email address and your password.", HttpStatus.BAD_REQUEST, http.isSecure());
        }
        AccountService.PasswordChecked checked;
        try {
            checked = accounts.authenticate(email, password, addresses.resolve(http), SecurityAudit.Via.SIGNIN_PAGE);
        } catch (ProblemException refused) {
            return switch (refused.status()) {
                case TOO_MANY_REQUESTS -> withHeaders(pages.signIn(request, email,
                        "Too many failed sign-ins. Wait a moment, then try again.", HttpStatus.TOO_MANY_REQUESTS, http.isSecure()), refused);
                case UNAUTHORIZED -> pages.signIn(request, email, WRONG, HttpStatus.UNAUTHORIZED, http.isSecure());
                case FORBIDDEN -> pages.signIn(request, email, "Confirm your email address first: open the link we sent you.",
                        HttpStatus.FORBIDDEN, http.isSecure());
                default -> throw refused; // a dependency is down: 503 with Retry-After
            };
        }
        if (checked.secondFactor()) {
            return pages.secondStep(request, multiFactor.challenge(checked.user()), null, HttpStatus.OK, http.isSecure());
        }
        return signedIn(request, checked.user(), SessionService.AMR_PASSWORD, http);
    }

    /** The second step: the challenge the password earned, and a code from the app or a recovery code. */
    @Post(value = "/signin/mfa", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> secondStep(HttpRequest<?> http, @Body Map<String, String> form) {
        Posted posted = check(http, form);
        if (posted instanceof Refused(HttpResponse<?> page)) {
            return page;
        }
        ValidatedAuthorization request = ((Valid) posted).request();
        String mfaToken = form.getOrDefault("challenge", "");
        String answer = form.getOrDefault("code", "").strip();
        boolean totp = answer.length() == 6 && answer.chars().allMatch(Character::isDigit);
        UserRow user;
        try {
            user = multiFactor.answer(mfaToken, totp ? answer : null, totp ? null : answer, addresses.resolve(http));
        } catch (ProblemException refused) {
            return switch (refused.status()) {
                case TOO_MANY_REQUESTS -> withHeaders(pages.secondStep(request, mfaToken,
                        "Too many wrong codes. Wait a moment, then try again.", HttpStatus.TOO_MANY_REQUESTS, http.isSecure()), refused);
                case UNAUTHORIZED -> MultiFactor.CHALLENGE_ENDED.equals(refused.type())
                        ? pages.signIn(request, null, "Too many wrong codes, or too slow: sign in again.", HttpStatus.UNAUTHORIZED, http.isSecure())
                        : pages.secondStep(request, mfaToken, "The code is not correct, or was already used. Try the next one.",
                                HttpStatus.UNAUTHORIZED, http.isSecure());
                default -> throw refused;
            };
        }
        return signedIn(request, user, SessionService.AMR_PASSWORD + " " + SessionService.AMR_OTP, http);
    }

    /** A posted form: its authorization request (checked again: nothing from the form is trusted) and CSRF token. */
    private sealed interface Posted {
    }

    private record Valid(ValidatedAuthorization request) implements Posted {
    }

    private record Refused(HttpResponse<?> page) implements Posted {
    }

    private Posted check(HttpRequest<?> http, Map<String, String> form) {
        ValidatedAuthorization request;
        try {
            request = requests.validate(form.get("request"));
        } catch (AuthorizationFailure failure) {
            return new Refused(pages.failure(failure));
        }
        if (!pages.csrfMatches(http, form.get("csrf"))) {
            // A form posted from another site, or one whose cookie is gone: never a sign-in.
            return new Refused(pages.signIn(request, null, "The form expired or did not come from this page. Please sign in again.",
                    HttpStatus.FORBIDDEN, http.isSecure()));
        }
        return new Valid(request);
    }

    /** The browser's sign-in session starts, and it goes on to the client (or first to the consent page). */
    private HttpResponse<?> signedIn(ValidatedAuthorization request, UserRow user, String amr, HttpRequest<?> http) {
        SigninSessions.Started started = signins.start(user, http.isSecure(), amr);
        try {
            MutableHttpResponse<?> next = pages.proceed(request, started.signedIn(), http);
            if (next.status() == HttpStatus.FOUND) {
                next.status(HttpStatus.SEE_OTHER); // the answer to a POST is fetched with GET
            }
            return next.cookie(started.cookie());
        } catch (AuthorizationFailure failure) {
            return pages.failure(failure).cookie(started.cookie());
        }
    }

    private static MutableHttpResponse<?> withHeaders(MutableHttpResponse<?> response, ProblemException refused) {
        refused.headers().forEach((name, value) -> response.header(name, value));
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
