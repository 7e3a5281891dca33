package dev.authplatform.auth.admin;

import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.auth.mfa.MfaPolicy;
import dev.authplatform.auth.mfa.MultiFactor;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.session.SignedInUser;
import dev.authplatform.common.api.SigningKeyInfo;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * What an admin does to accounts, the MFA policy and the signing key, audited the same way whether it comes from the
 * admin API or the admin console: one place for each change and its side effects.
 */
@Singleton
public class UserAdministration {

    private final UserRepository users;
    private final AccountService accounts;
    private final SessionService sessions;
    private final SecurityAudit audit;
    private final MultiFactor multiFactor;
    private final MfaPolicy mfaPolicy;
    private final KeyStore keys;

    UserAdministration(UserRepository users, AccountService accounts, SessionService sessions, SecurityAudit audit,
                       MultiFactor multiFactor, MfaPolicy mfaPolicy, KeyStore keys) {
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.audit = audit;
        this.multiFactor = multiFactor;
        this.mfaPolicy = mfaPolicy;
        this.keys = keys;
    }

    /**
     * Replaces the user's roles. Tokens already issued keep their roles until they expire (15 minutes by default); end
     * the user's sessions as well to make a removal take effect at once.
     */
    public UserRow setRoles(UUID id, List<String> roles, String admin) {
        accounts.get(id);
        String joined = String.join(",", new LinkedHashSet<>(roles));
        users.updateRoles(id, joined);
        audit.adminAction(admin, "role-change", id, "roles=" + joined.replace(',', '+'));
        return accounts.get(id);
    }

    /** Disables the account: sign-in is refused and every session ends at once, at every verifier. */
    public UserRow disable(UUID id, String admin) {
        accounts.get(id);
        users.updateEnabled(id, false);
        audit.adminAction(admin, "user-disable", id, null);
        sessions.revokeAllOf(id, null, "disabled");
        return accounts.get(id);
    }

    public UserRow enable(UUID id, String admin) {
        accounts.get(id);
        users.updateEnabled(id, true);
        audit.adminAction(admin, "user-enable", id, null);
        return accounts.get(id);
    }

    public void endAllSessions(UUID id, String admin) {
        accounts.get(id);
        audit.adminAction(admin, "admin-revoke-sessions", id, null);
        sessions.revokeAllOf(id, null, "revoked-by-admin");
    }

    /** Ends one session of the user; false when it is not theirs or has ended. */
    public boolean endSession(UUID id, UUID sessionId, String admin) {
        accounts.get(id);
        if (!sessions.revokeOwn(id, sessionId, "revoked-by-admin")) {
            return false;
        }
        audit.adminAction(admin, "admin-revoke-session", id, "session=" + sessionId);
        return true;
    }

    /**
     * Removes the user's second factor and recovery codes (a lost phone): the next sign-in takes the password alone,
     * and the user can enrol again. Sessions are left alone; end them too when the account may be compromised.
     */
    public void resetSecondFactor(UUID id, String admin) {
        accounts.get(id);
        multiFactor.remove(id, admin);
    }

    /**
     * Requires a second factor for these roles: tokens of sessions that signed in without one no longer carry them.
     * An admin who would lose the admin role by it (signed in without a second factor) is refused: no lock-out.
     */
    public void requireSecondFactor(List<String> roles, SignedInUser admin, String adminName) {
        if (roles.contains(PlatformClaims.ROLE_ADMIN) && !sessions.amrOf(admin.sessionId()).contains(SessionService.AMR_OTP)) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Sign in with a second factor first",
                    "Requiring a second factor for admins would take the role from this session: turn on a second factor "
                            + "and sign in with it, then require it.");
        }
        mfaPolicy.require(roles, adminName);
    }

    /** A new current signing key; the old one retires (published until its tokens have expired). */
    public SigningKeyInfo rotateSigningKey(String admin) {
        SigningKeyInfo rotated = keys.rotate();
        keys.refreshNow();
        audit.keyRotated(admin, rotated.kid());
        return rotated;
    }
}
