package dev.authplatform.auth.recovery;

import dev.authplatform.auth.account.AccountTokens;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.mail.LinkMail;
import dev.authplatform.auth.oauth.signin.SigninSessions;
import dev.authplatform.auth.password.PasswordHasher;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.throttle.LoginThrottle;
import dev.authplatform.auth.throttle.RequestLimiter;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * A forgotten password: a single-use link valid for minutes is emailed to the address, and following it sets a new
 * password, which ends every session of the account at every verifier (as a password change does) and every
 * browser sign-in. Asking answers the same whether or not an account has the address, after about the same work:
 * the email itself is sent later, by the outbox.
 */
@Singleton
public class PasswordReset {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordReset.class);

    /** Where the emailed link points: the hosted form for the new password. */
    public static final String PAGE = "/account/reset-password";

    private final AccountTokens tokens;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final SigninSessions signins;
    private final LoginThrottle loginThrottle;
    private final LinkMail mail;
    private final ExecutorService background;
    private final RequestLimiter limiter;
    private final PasswordResetSettings settings;
    private final SecurityAudit audit;

    PasswordReset(AccountTokens tokens, UserRepository users, PasswordHasher hasher, SessionService sessions, SigninSessions signins,
                  LoginThrottle loginThrottle, LinkMail mail, RequestLimiter limiter, PasswordResetSettings settings,
                  SecurityAudit audit, @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        this.background = background;
        this.tokens = tokens;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.signins = signins;
        this.loginThrottle = loginThrottle;
        this.mail = mail;
        this.limiter = limiter;
        this.settings = settings;
        this.audit = audit;
    }

    /** Emails a reset link if an enabled account has the address; throttled per client and per address either way. */
    public void request(String email, String clientAddress) {
        String normalized = UserRow.normalize(email);
        try {
            limiter.acquireForEmail("reset", clientAddress, settings.perClient(), normalized, settings.perAddress(), settings.window());
        } catch (ProblemException refused) {
            audit.emailRequestThrottled("password-reset-request", clientAddress);
            throw refused;
        }
        Optional<UserRow> user = users.findByEmailNormalized(normalized).filter(UserRow::enabled);
        audit.passwordResetRequested(user.map(UserRow::id).orElse(null), normalized, clientAddress);
        // the link is made after the answer: a known address and an unknown one cost the request the same work
        user.ifPresent(found -> background.execute(() -> {
            try {
                mail.send("reset-password", found, PAGE, AccountTokens.Purpose.RESET_PASSWORD, settings.validFor());
            } catch (RuntimeException e) {
                LOG.warn("a password reset link could not be made: {}", e.getClass().getSimpleName());
            }
        }));
    }

    /**
     * Sets the new password for the account the link was sent to. The link also proves the address, and clears
     * the account's failed-login count; every session and sign-in of the account ends.
     */
    public void reset(String token, String newPassword, String clientAddress) {
        Optional<UserRow> redeemed = tokens.redeem(token, AccountTokens.Purpose.RESET_PASSWORD);
        if (redeemed.isEmpty()) {
            audit.emailedLinkRefused("password-reset", clientAddress);
            throw invalidLink();
        }
        UserRow user = redeemed.get();
        users.updatePasswordHash(user.id(), hasher.hash(newPassword));
        users.markEmailVerified(user.id(), user.emailNormalized());
        sessions.revokeAllOf(user.id(), null, "password-reset");
        signins.endAllOf(user.id());
        loginThrottle.recordSuccess(user.emailNormalized());
        audit.passwordReset(user.id(), clientAddress);
    }

    static ProblemException invalidLink() {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_LINK, "Invalid or expired link",
                "This reset link does not work: it was already used, it has expired, or a newer one was sent. Ask for a new one.");
    }
}
