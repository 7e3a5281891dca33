package dev.authplatform.auth.account;

import dev.authplatform.auth.web.UniqueViolation;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.oauth.signin.SigninSessions;
import dev.authplatform.auth.password.PasswordHasher;
import dev.authplatform.auth.session.SessionOrigin;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.mfa.MultiFactor;
import dev.authplatform.auth.throttle.LoginThrottle;
import dev.authplatform.auth.verification.EmailVerification;
import dev.authplatform.common.api.TokenResponse;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Registration, login (with its second step) and password change. */
@Singleton
public class AccountService {


    private final UserRepository users;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final SigninSessions signins;
    private final SecurityAudit audit;
    private final EmailVerification verification;
    private final MultiFactor multiFactor;

    AccountService(UserRepository users, PasswordHasher hasher, SessionService sessions, LoginThrottle throttle, SigninSessions signins,
                   SecurityAudit audit, EmailVerification verification, MultiFactor multiFactor) {
        this.multiFactor = multiFactor;
        this.verification = verification;
        this.users = users;
        this.hasher = hasher;
        this.sessions = sessions;
        this.throttle = throttle;
        this.signins = signins;
        this.audit = audit;
    }

    /**
     * Creates a {@code user} account, emails it a link to prove the address, and logs it in (empty when
     * {@code auth.email-verification.required-for-sign-in} holds: no tokens before the address is proved).
     * A taken address, in any case, is a 409.
     */
    public Registration register(String email, String password, String name, SessionOrigin origin) {
        String clientAddress = origin.address();
        String normalized = UserRow.normalize(email);
        if (users.findByEmailNormalized(normalized).isPresent()) {
            throw emailTaken();
        }
        UserRow user = new UserRow(UUID.randomUUID(), email, normalized, name, hasher.hash(password), PlatformClaims.ROLE_USER, true,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, false);
        try {
            users.save(user);
        } catch (DataAccessException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw emailTaken(); // the other of two simultaneous registrations won
            }
            throw e;
        }
        audit.registered(user.id(), clientAddress);
        verification.send(user, clientAddress);
        return new Registration(user, verification.requiredForSignIn() ? Optional.empty()
                : Optional.of(sessions.start(user, origin, SessionService.AMR_PASSWORD)));
    }

    /** A new account, and its first tokens unless the address must be proved first. */
    public record Registration(UserRow user, Optional<TokenResponse> tokens) {
    }

    /** A correct password: whose, and whether a second step must follow before any token. */
    public record PasswordChecked(UserRow user, boolean secondFactor) {
    }

    /**
     * Checks a password and starts a session, or, for an account with a second factor, answers the challenge its
     * second step must meet. Unknown address, wrong password and disabled account give the same 401 after the same
     * work (a dummy hash is checked for an unknown address).
     */
    public LoginOutcome login(String email, String password, SessionOrigin origin) {
        PasswordChecked checked = authenticate(email, password, origin.address(), SecurityAudit.Via.API);
        if (checked.secondFactor()) {
            return new LoginOutcome.SecondStepRequired(multiFactor.challenge(checked.user()), multiFactor.challengeSeconds());
        }
        return new LoginOutcome.SignedIn(sessions.start(checked.user(), origin, SessionService.AMR_PASSWORD));
    }

    /** The second step of a login: a code (or recovery code) for the challenge the password earned. */
    public TokenResponse completeLogin(String mfaToken, String code, String recoveryCode, SessionOrigin origin) {
        UserRow user = multiFactor.answer(mfaToken, code, recoveryCode, origin.address());
        return sessions.start(user, origin, SessionService.AMR_PASSWORD + " " + SessionService.AMR_OTP);
    }

    /** What a correct password leads to: tokens, or first a second step. */
    public sealed interface LoginOutcome {
        record SignedIn(TokenResponse tokens) implements LoginOutcome {
        }

        record SecondStepRequired(String mfaToken, long expiresInSeconds) implements LoginOutcome {
        }
    }

    /**
     * The password check behind every sign-in (the JSON login and the hosted page): throttled, audited, and the same
     * 401 problem after the same work for an unknown address, a wrong password or a disabled account.
     */
    public PasswordChecked authenticate(String email, String password, String clientAddress, SecurityAudit.Via via) {
        String normalized = UserRow.normalize(email);
        try {
            throttle.checkAllowed(normalized, clientAddress);
        } catch (ProblemException refused) {
            if (refused.status() == HttpStatus.TOO_MANY_REQUESTS) {
                audit.loginThrottled(normalized, clientAddress, via);
            }
            throw refused;
        }
        UserRow user = users.findByEmailNormalized(normalized).orElse(null);
        boolean matches = user == null ? hasher.matchesNothing(password) : hasher.matches(password, user.passwordHash());
        if (!matches || !user.enabled()) {
            throttle.recordFailure(normalized, clientAddress);
            audit.loginFailed(user == null ? null : user.id(), normalized, clientAddress, via);
            throw invalidCredentials();
        }
        boolean secondFactor = multiFactor.enabled(user.id());
        if (!secondFactor) {
            // with a second factor the count is cleared only once that step succeeds: else a known password
            // would reset it before every guess of a code
            throttle.recordSuccess(normalized);
        }
        if (verification.requiredForSignIn() && !user.emailVerified()) {
            // the password was right, so saying why is safe; the account has a link to follow (or asks for one)
            audit.loginRefusedUnverified(user.id(), clientAddress, via);
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.EMAIL_NOT_VERIFIED, "Email address not verified",
                    "Confirm your email address with the link we sent you, then sign in. POST /auth/email/verification sends a new one.");
        }
        if (hasher.needsRehash(user.passwordHash())) {
            users.updatePasswordHash(user.id(), hasher.hash(password)); // parameters were raised since this hash was made
        }
        audit.loginSucceeded(user.id(), clientAddress, via);
        return new PasswordChecked(user, secondFactor);
    }

    /** The caller's account, after checking its password again (403 when wrong): for changes that need it. */
    public UserRow confirmPassword(UUID userId, String password, String clientAddress) {
        UserRow user = users.findById(userId).filter(UserRow::enabled).orElseThrow(AccountService::invalidCredentials);
        checkPasswordAgain(user, password, clientAddress, "The password is not correct.");
        return user;
    }

    /**
     * A signed-in user's password, asked again: throttled and counted like a login, so a stolen access token cannot
     * be used to guess the password behind it (429 once the account or the address is waiting; 403 when wrong).
     */
    private void checkPasswordAgain(UserRow user, String password, String clientAddress, String wrong) {
        throttle.checkAllowed(user.emailNormalized(), clientAddress);
        if (password == null || !hasher.matches(password, user.passwordHash())) {
            throttle.recordFailure(user.emailNormalized(), clientAddress);
            audit.loginFailed(user.id(), user.emailNormalized(), clientAddress, SecurityAudit.Via.PASSWORD_CHECK);
            throw new ProblemException(HttpStatus.FORBIDDEN, ProblemTypes.INVALID_CREDENTIALS, "Wrong password", wrong);
        }
    }

    /** Changes the caller's password after checking the current one, and ends every other session. */
    public void changePassword(UUID userId, UUID currentSession, String currentPassword, String newPassword, String clientAddress) {
        UserRow user = users.findById(userId).filter(UserRow::enabled).orElseThrow(AccountService::invalidCredentials);
        checkPasswordAgain(user, currentPassword, clientAddress, "The current password is not correct.");
        users.updatePasswordHash(userId, hasher.hash(newPassword));
        sessions.revokeAllOf(userId, currentSession, "password-change");
        signins.endAllOf(userId); // browsers signed in on the hosted page sign in again, with the new password
        audit.passwordChanged(userId);
    }

    /** Sets the user's display name (what ID tokens and userinfo call {@code name}). */
    public UserRow rename(UUID userId, String name) {
        if (users.updateName(userId, name) == 0) {
            get(userId); // no such user: 404
        }
        audit.profileChanged(userId);
        return get(userId);
    }

    public UserRow get(UUID userId) {
        return users.findById(userId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND,
                "Not Found", "There is no user with this id."));
    }

    private static ProblemException emailTaken() {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Email already registered",
                "An account with this email address already exists.");
    }

    static ProblemException invalidCredentials() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ProblemTypes.INVALID_CREDENTIALS, "Invalid credentials",
                "The email address or the password is not correct.", Map.of("WWW-Authenticate", "Bearer"));
    }
}
