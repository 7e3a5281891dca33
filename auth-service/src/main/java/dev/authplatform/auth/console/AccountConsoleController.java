package dev.authplatform.auth.console;

import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.mfa.EnrolmentQrCode;
import dev.authplatform.auth.mfa.MultiFactor;
import dev.authplatform.auth.oauth.client.ClientRow;
import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.oauth.consent.Consents;
import dev.authplatform.auth.oauth.signin.SigninPages;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.session.SignedInUser;
import dev.authplatform.auth.verification.EmailVerification;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The account console ({@code /account}) for every signed-in user: profile and address, password, two-step sign-in
 * (enrolment with a QR code, recovery codes, turning it off), sessions and connected apps. The same services as the
 * JSON API make each change, with the same checks (the password again where the API asks for it) and audit entries.
 */
@Controller("/account")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountConsoleController {

    private static final ConsoleArea AREA = ConsoleArea.ACCOUNT;
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 128;

    private static final Map<String, String> DONE = Map.of(
            "profile", "Your name is saved.",
            "verification-sent", "If your address still needs confirming, a new link is on its way.",
            "password", "Your password is changed. Every other session has ended.",
            "two-step-off", "Two-step sign-in is off.",
            "session-ended", "The session has ended everywhere.",
            "withdrawn", "The app's access is withdrawn; its tokens are refused everywhere.");

    private final ConsolePages pages;
    private final AccountService accounts;
    private final EmailVerification verification;
    private final MultiFactor multiFactor;
    private final SessionService sessions;
    private final Consents consents;
    private final ClientService clients;
    private final HttpClientAddressResolver addresses;

    AccountConsoleController(ConsolePages pages, AccountService accounts, EmailVerification verification, MultiFactor multiFactor,
                             SessionService sessions, Consents consents, ClientService clients, HttpClientAddressResolver addresses) {
        this.pages = pages;
        this.accounts = accounts;
        this.verification = verification;
        this.multiFactor = multiFactor;
        this.sessions = sessions;
        this.consents = consents;
        this.clients = clients;
        this.addresses = addresses;
    }

    // ---- profile and address

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> profile(HttpRequest<?> http, @Nullable @QueryValue String done, Authentication who) {
        return profilePage(http, HttpStatus.OK, me(who), null, who, done);
    }

    @Post(value = "/profile", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> rename(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> {
            String name = form.getOrDefault("name", "").strip();
            if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                return profilePage(http, HttpStatus.BAD_REQUEST, me(who), "Enter a name of 1 to 100 characters.", who, null);
            }
            accounts.rename(SignedInUser.of(who).userId(), name);
            return pages.seeOther("/account?done=profile");
        });
    }

    @Post(value = "/email/verification", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> resendVerification(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> {
            verification.resend(me(who).email(), addresses.resolve(http));
            return pages.seeOther("/account?done=verification-sent");
        });
    }

    private MutableHttpResponse<?> profilePage(HttpRequest<?> http, HttpStatus status, UserRow user, @Nullable String error,
                                               Authentication who, @Nullable String done) {
        Map<String, Object> model = new HashMap<>();
        model.put("user", user);
        model.put("error", error);
        return page(http, status, "console/account-profile", "Profile", model, who, done);
    }

    // ---- password

    @Get(value = "/password", produces = MediaType.TEXT_HTML)
    HttpResponse<?> password(HttpRequest<?> http, Authentication who) {
        return page(http, HttpStatus.OK, "console/account-password", "Password", new HashMap<>(), who, null);
    }

    @Post(value = "/password", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> changePassword(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> {
            String current = form.getOrDefault("current", "");
            String next = form.getOrDefault("password", "");
            String error = next.length() < MIN_PASSWORD || next.length() > MAX_PASSWORD
                    ? "The new password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long."
                    : !next.equals(form.getOrDefault("confirm", "")) ? "The two new passwords are not the same." : null;
            if (error != null) {
                Map<String, Object> model = new HashMap<>();
                model.put("error", error);
                return page(http, HttpStatus.BAD_REQUEST, "console/account-password", "Password", model, who, null);
            }
            SignedInUser user = SignedInUser.of(who);
            accounts.changePassword(user.userId(), user.sessionId(), current, next, addresses.resolve(http));
            return pages.seeOther("/account?done=password");
        });
    }

    // ---- two-step sign-in

    @Get(value = "/two-step", produces = MediaType.TEXT_HTML)
    HttpResponse<?> twoStep(HttpRequest<?> http, @Nullable @QueryValue String done, Authentication who) {
        UUID user = SignedInUser.of(who).userId();
        Map<String, Object> model = new HashMap<>();
        model.put("enabled", multiFactor.enabled(user));
        model.put("recoveryCodesLeft", multiFactor.recoveryCodesLeft(user));
        return page(http, HttpStatus.OK, "console/account-two-step", "Two-step sign-in", model, who, done);
    }

    /** A new secret for an authenticator app: its QR code, and the secret as text beside it for typing in. */
    @Post(value = "/two-step/enrol", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> enrol(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> {
            MultiFactor.Enrolment enrolment = multiFactor.startEnrolment(me(who));
            Map<String, Object> model = new HashMap<>();
            model.put("secret", enrolment.secret());
            model.put("qrSvg", EnrolmentQrCode.svg(enrolment.otpauthUri()));
            return page(http, HttpStatus.OK, "console/account-two-step-enrol", "Set up two-step sign-in", model, who, null);
        });
    }

    @Post(value = "/two-step/confirm", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> confirm(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> recoveryCodes(http,
                multiFactor.confirmEnrolment(me(who), form.getOrDefault("code", "")), "Two-step sign-in is on", who));
    }

    @Post(value = "/two-step/recovery-codes", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> regenerate(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> {
            UserRow user = accounts.confirmPassword(SignedInUser.of(who).userId(), form.getOrDefault("password", ""), addresses.resolve(http));
            return recoveryCodes(http, multiFactor.regenerateRecoveryCodes(user.id()), "New recovery codes", who);
        });
    }

    @Post(value = "/two-step/off", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> turnOff(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> {
            UserRow user = accounts.confirmPassword(SignedInUser.of(who).userId(), form.getOrDefault("password", ""), addresses.resolve(http));
            multiFactor.remove(user.id(), user.id().toString());
            return pages.seeOther("/account/two-step?done=two-step-off");
        });
    }

    private MutableHttpResponse<?> recoveryCodes(HttpRequest<?> http, List<String> codes, String title, Authentication who) {
        return page(http, HttpStatus.OK, "console/account-recovery-codes", title, Map.of("codes", codes), who, null);
    }

    // ---- sessions

    /** The user's sessions, each with its sign-out button; the console's own is marked. */
    @Get(value = "/sessions", produces = MediaType.TEXT_HTML)
    HttpResponse<?> sessionList(HttpRequest<?> http, @Nullable @QueryValue String done, Authentication who) {
        SignedInUser user = SignedInUser.of(who);
        Function<String, String> clientNames = clients.sessionClientNames();
        List<SigninPages.SessionLine> lines = sessions.activeOf(user.userId()).stream()
                .map(session -> SigninPages.SessionLine.of(session, clientNames.apply(session.clientId()), ConsolePages.WHEN,
                        session.id().equals(user.sessionId())))
                .toList();
        return page(http, HttpStatus.OK, "console/account-sessions", "Sessions", Map.of("sessions", lines), who, done);
    }

    @Post(value = "/sessions/end", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> endSession(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> {
            Optional<UUID> session = ConsolePages.uuid(form.get("session"));
            if (session.isEmpty() || !sessions.revokeOwn(SignedInUser.of(who).userId(), session.get(), "ended-by-user")) {
                return pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such session",
                        "This session is not one of yours, or it has ended.", who);
            }
            return pages.seeOther("/account/sessions?done=session-ended");
        });
    }

    // ---- connected apps

    /** An app the user consented to: what it may do, since when. */
    record AppLine(String clientId, String name, List<String> scopes, String since) {
    }

    @Get(value = "/apps", produces = MediaType.TEXT_HTML)
    HttpResponse<?> apps(HttpRequest<?> http, @Nullable @QueryValue String done, Authentication who) {
        List<AppLine> apps = consents.of(SignedInUser.of(who).userId()).stream().map(consent -> new AppLine(consent.clientId(),
                clients.findActive(consent.clientId()).map(ClientRow::name).orElse(consent.clientId()), consent.scopeList(),
                ConsolePages.when(consent.grantedAt()))).toList();
        return page(http, HttpStatus.OK, "console/account-apps", "Connected apps", Map.of("apps", apps), who, done);
    }

    @Post(value = "/apps/withdraw", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> withdraw(HttpRequest<?> http, @Nullable @Body Map<String, String> form, Authentication who) {
        return pages.submit(http, AREA, form, who, () -> consents.withdraw(SignedInUser.of(who).userId(), form.getOrDefault("client", ""))
                ? pages.seeOther("/account/apps?done=withdrawn")
                : pages.message(http, AREA, HttpStatus.NOT_FOUND, "No such app", "You have not given this app access.", who));
    }

    // ---- helpers

    private UserRow me(Authentication who) {
        return accounts.get(SignedInUser.of(who).userId());
    }

    private MutableHttpResponse<?> page(HttpRequest<?> http, HttpStatus status, String view, String title, Map<String, Object> model,
                                        Authentication who, @Nullable String done) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("notice", done == null ? null : DONE.get(done));
        return pages.page(http, AREA, status, view, title, full, who);
    }

}
