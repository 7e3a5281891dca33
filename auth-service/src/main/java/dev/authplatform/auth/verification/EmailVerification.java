package dev.authplatform.auth.verification;

import dev.authplatform.auth.account.AccountTokens;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.mail.LinkMail;
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
 * Proving an address: a link is emailed at registration (and again on request), and following it marks the address
 * verified. Asking again answers the same whether or not an account has the address.
 */
@Singleton
public class EmailVerification {

    private static final Logger LOG = LoggerFactory.getLogger(EmailVerification.class);

    /** Where the emailed link points: the hosted confirmation page. */
    public static final String PAGE = "/account/verify-email";

    private final AccountTokens tokens;
    private final UserRepository users;
    private final LinkMail mail;
    private final ExecutorService background;
    private final RequestLimiter limiter;
    private final EmailVerificationSettings settings;
    private final SecurityAudit audit;

    EmailVerification(AccountTokens tokens, UserRepository users, LinkMail mail, RequestLimiter limiter,
                      EmailVerificationSettings settings, SecurityAudit audit, @Named(TaskExecutors.BLOCKING) ExecutorService background) {
        this.background = background;
        this.tokens = tokens;
        this.users = users;
        this.mail = mail;
        this.limiter = limiter;
        this.settings = settings;
        this.audit = audit;
    }

    public boolean requiredForSignIn() {
        return settings.requiredForSignIn();
    }

    /** Emails a new link to the user's address (older links stop working once it is sent). */
    public void send(UserRow user, String clientAddress) {
        mail.send("verify-email", user, PAGE, AccountTokens.Purpose.VERIFY_EMAIL, settings.validFor());
        audit.emailVerificationSent(user.id(), clientAddress);
    }

    /** Asks for a new link: throttled per address and per client; sent only to an enabled, unverified account. */
    public void resend(String email, String clientAddress) {
        String normalized = UserRow.normalize(email);
        try {
            limiter.acquireForEmail("verify", clientAddress, settings.perClient(), normalized, settings.perAddress(), settings.window());
        } catch (ProblemException refused) {
            audit.emailRequestThrottled("email-verification-request", clientAddress);
            throw refused;
        }
        Optional<UserRow> user = users.findByEmailNormalized(normalized).filter(found -> found.enabled() && !found.emailVerified());
        audit.emailVerificationRequested(user.map(UserRow::id).orElse(null), normalized, clientAddress);
        // the link is made after the answer: whether an unverified account has the address costs the request nothing
        user.ifPresent(found -> background.execute(() -> {
            try {
                send(found, clientAddress);
            } catch (RuntimeException e) {
                LOG.warn("a verification link could not be made: {}", e.getClass().getSimpleName());
            }
        }));
    }

    /** Follows a link: the user whose address is now verified, or 400 for any link that does not work. */
    public UserRow verify(String token, String clientAddress) {
        Optional<UserRow> user = tokens.redeem(token, AccountTokens.Purpose.VERIFY_EMAIL);
        if (user.isEmpty()) {
            audit.emailedLinkRefused("email-verify", clientAddress);
            throw invalidLink();
        }
        users.markEmailVerified(user.get().id(), user.get().emailNormalized());
        audit.emailVerified(user.get().id(), clientAddress);
        return users.findById(user.get().id()).orElseThrow();
    }

    static ProblemException invalidLink() {
        return new ProblemException(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_LINK, "Invalid or expired link",
                "This link does not work: it was already used, it has expired, or a newer one was sent. Ask for a new one.");
    }
}
