package dev.authplatform.auth.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Every security event, three ways: a row in {@code audit_events} (queried through {@code GET /admin/audit}), a line on
 * the {@code audit} logger ({@code event=<kind> outcome=<outcome> key=value ...}, so operators can route them apart
 * from the application log), and a count in {@code authplatform_audit_events_total}. Never a password, token or
 * key; an email address appears only as a short SHA-256 digest, enough to correlate failures on one account
 * without writing the address down.
 *
 * <p>Two routine, high-volume events are logged and counted but not stored: tokens issued, and clients that proved
 * who they are. Their failures are stored.
 */
@Singleton
public class SecurityAudit {

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");
    private static final Logger LOG = LoggerFactory.getLogger(SecurityAudit.class);
    /** The MDC key of the request id (common's RequestIdFilter), stored with each event. */
    private static final String REQUEST_ID = "requestId";

    /** How a password sign-in came in: the JSON API or the hosted sign-in page. */
    public enum Via {
        API("api"), SIGNIN_PAGE("signin-page"),
        /** A signed-in user's password asked again (a password change, turning the second factor off). */
        PASSWORD_CHECK("password-check");

        private final String label;

        Via(String label) {
            this.label = label;
        }
    }

    private final AuditRepository repository;
    private final SecurityMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    SecurityAudit(AuditRepository repository, SecurityMetrics metrics) {
        this.repository = repository;
        this.metrics = metrics;
    }

    public void registered(UUID user, String address) {
        metrics.registration();
        record(Event.of("register", "success").actor(user).subject(user).address(address));
    }

    public void loginSucceeded(UUID user, String address, Via via) {
        metrics.login("success");
        record(Event.of("login", "success").actor(user).subject(user).address(address).detail("via=" + via.label));
    }

    /** @param user the account the email belongs to, or null when no account has it */
    public void loginFailed(@Nullable UUID user, String normalizedEmail, String address, Via via) {
        metrics.login("failure");
        record(Event.of("login", "failure").subject(user).address(address)
                .detail("account=" + digest(normalizedEmail) + " via=" + via.label));
    }

    public void loginThrottled(String normalizedEmail, String address, Via via) {
        metrics.login("throttled");
        metrics.throttled("login");
        record(Event.of("login", "throttled").address(address).detail("account=" + digest(normalizedEmail) + " via=" + via.label));
    }

    /** The user changed their profile (today: the name). */
    public void profileChanged(UUID user) {
        record(Event.of("profile-change", "success").actor(user).subject(user).detail("fields=name"));
    }

    public void passwordChanged(UUID user) {
        record(Event.of("password-change", "success").actor(user).subject(user));
    }

    /** The password was right but the address is not verified, and verification is required to sign in. */
    public void loginRefusedUnverified(UUID user, String address, Via via) {
        metrics.login("unverified");
        record(Event.of("login", "unverified").subject(user).address(address).detail("via=" + via.label));
    }

    /** A second factor was turned on or off, or its recovery codes replaced ({@code actor}: the user or an admin). */
    public void mfaChanged(UUID user, String actor, String action) {
        record(Event.of("mfa-change", "success").actor(actor).subject(user).detail("action=" + action));
    }

    /** A second step answered right ({@code method}: totp or recovery-code). */
    public void mfaSucceeded(UUID user, @Nullable String address, String method) {
        metrics.login("mfa-success");
        record(Event.of("mfa", "success").actor(user).subject(user).address(address).detail("method=" + method));
    }

    /** A wrong code at sign-in or at enrolment ({@code stage}). */
    public void mfaFailed(UUID user, @Nullable String address, String stage) {
        metrics.login("mfa-failure");
        record(Event.of("mfa", "failure").subject(user).address(address).detail("stage=" + stage));
    }

    /** A link to prove the address was queued for sending. */
    public void emailVerificationSent(UUID user, @Nullable String address) {
        record(Event.of("email-verification-sent", "success").subject(user).address(address));
    }

    public void emailVerified(UUID user, @Nullable String address) {
        record(Event.of("email-verify", "success").actor(user).subject(user).address(address));
    }

    /** An emailed link (verification or reset) that was unknown, used, expired or for another address. */
    public void emailedLinkRefused(String purpose, @Nullable String address) {
        record(Event.of(purpose, "failure").address(address).detail("reason=invalid-link"));
    }

    /** A new verification link was asked for; {@code user} null when no unverified account has the address (none is sent). */
    public void emailVerificationRequested(@Nullable UUID user, String normalizedEmail, @Nullable String address) {
        record(Event.of("email-verification-request", user == null ? "no-unverified-account" : "success").subject(user).address(address)
                .detail("account=" + digest(normalizedEmail)));
    }

    /** @param user the account the address belongs to, or null when none has it (no email is sent then) */
    public void passwordResetRequested(@Nullable UUID user, String normalizedEmail, @Nullable String address) {
        record(Event.of("password-reset-request", user == null ? "unknown-account" : "success").subject(user).address(address)
                .detail("account=" + digest(normalizedEmail)));
    }

    public void passwordReset(UUID user, @Nullable String address) {
        record(Event.of("password-reset", "success").actor(user).subject(user).address(address));
    }

    /** A request that sends email refused with 429 ({@code what}: password-reset-request, email-verification-request). */
    public void emailRequestThrottled(String what, @Nullable String address) {
        metrics.throttled(what);
        record(Event.of(what, "throttled").address(address));
    }

    /** @param user whose session it was, when known */
    public void sessionEnded(@Nullable UUID user, UUID session, @Nullable String clientId, String reason) {
        record(Event.of("session-end", "success").subject(user).client(clientId).detail("session=" + session + " reason=" + reason));
    }

    public void allSessionsEnded(UUID user, String reason) {
        record(Event.of("all-sessions-end", "success").subject(user).detail("reason=" + reason));
    }

    /**
     * A logout token sent to a client (OpenID Connect Back-Channel Logout): success, failure (an attempt that will
     * be retried), abandoned (the last attempt failed) or dropped (the client no longer listens).
     */
    public void backchannelLogout(UUID user, UUID session, String clientId, String outcome, String detail) {
        record(Event.of("backchannel-logout", outcome).subject(user).client(clientId).detail("session=" + session + " " + detail));
    }

    public void refreshTokenReused(UUID user, UUID session, @Nullable String clientId) {
        record(Event.of("refresh-reuse", "failure").subject(user).client(clientId)
                .detail("session=" + session + " action=session-revoked"));
    }

    /** An admin acted on a user: {@code role-change}, {@code user-disable}, {@code user-enable}, {@code admin-revoke-sessions}. */
    public void adminAction(String admin, String kind, UUID target, @Nullable String detail) {
        record(Event.of(kind, "success").actor(admin).subject(target).detail(detail));
    }

    public void clientChanged(String admin, String action, String clientId) {
        record(Event.of("client-change", "success").actor(admin).subject(clientId).client(clientId).detail("action=" + action));
    }

    /** A client proved who it is at an /oauth2 endpoint, or failed to; never the secret or assertion. */
    public void clientAuthenticated(String clientId, String method, boolean success, String address) {
        Event event = Event.of("client-auth", success ? "success" : "failure").actor(clientId).client(clientId).address(address)
                .detail("method=" + method);
        if (success) {
            logAndCount(event); // routine: every token request of every service
        } else {
            record(event);
        }
    }

    public void clientThrottled(String clientId, String address) {
        metrics.throttled("client");
        record(Event.of("client-auth", "throttled").actor(clientId).client(clientId).address(address));
    }

    public void tokenIssued(String clientId, String grantType, String subject) {
        Event event = Event.of("token-issued", "success").actor(clientId).subject(subject).client(clientId).detail("grant=" + grantType);
        logAndCount(event); // routine and high-volume: counted and logged, not stored
    }

    public void tokenRevoked(String clientId, String what) {
        record(Event.of("token-revoked", "success").actor(clientId).client(clientId).detail("revoked=" + what));
    }

    public void consentChanged(UUID user, String clientId, String action) {
        record(Event.of("consent", "success").actor(user).subject(user).client(clientId).detail("action=" + action));
    }

    public void keyRotated(String admin, String newKid) {
        record(Event.of("key-rotation", "success").actor(admin).detail("kid=" + newKid));
    }

    /** A key revoked in an emergency: every token it signed is refused ({@code use}: access or refresh). */
    public void keyRevoked(String admin, String kid, String use) {
        record(Event.of("key-revocation", "success").actor(admin).detail("kid=" + kid + " use=" + use));
    }

    /** A browser left the hosted pages: its sign-in session ended ({@code reason}: logout, or a sign-out elsewhere). */
    public void signinSessionEnded(UUID user, String reason) {
        record(Event.of("signin-session-end", "success").actor(user).subject(user).detail("reason=" + reason));
    }

    private void record(Event event) {
        logAndCount(event);
        try {
            repository.save(new AuditEventRow(null, clock.instant().truncatedTo(ChronoUnit.MICROS), event.kind, event.outcome,
                    event.actor, event.subject, event.clientId, event.address, event.detail, MDC.get(REQUEST_ID)));
        } catch (DataAccessException e) {
            // PostgreSQL is out of reach: the request fails on its own account; the log line above keeps the event
            LOG.warn("audit event {} not stored ({}); it is in the audit log", event.kind, e.getClass().getSimpleName());
        }
    }

    private void logAndCount(Event event) {
        log(event);
        metrics.auditEvent(event.kind, event.outcome);
    }

    private static void log(Event event) {
        StringBuilder line = new StringBuilder("event=").append(event.kind).append(" outcome=").append(event.outcome);
        append(line, "actor", event.actor);
        append(line, "subject", event.subject);
        append(line, "client", event.clientId);
        append(line, "address", event.address);
        if (event.detail != null) {
            line.append(' ').append(event.detail);
        }
        if ("failure".equals(event.outcome) && "refresh-reuse".equals(event.kind)) {
            AUDIT.warn("{}", line);
        } else {
            AUDIT.info("{}", line);
        }
    }

    private static void append(StringBuilder line, String key, @Nullable String value) {
        if (value != null) {
            line.append(' ').append(key).append('=').append(value);
        }
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One event being put together: kind and outcome are fixed words; the rest is optional. */
    private static final class Event {
        private final String kind;
        private final String outcome;
        private String actor;
        private String subject;
        private String clientId;
        private String address;
        private String detail;

        private Event(String kind, String outcome) {
            this.kind = kind;
            this.outcome = outcome;
        }

        static Event of(String kind, String outcome) {
            return new Event(kind, outcome);
        }

        Event actor(@Nullable Object who) {
            actor = who == null ? null : who.toString();
            return this;
        }

        Event subject(@Nullable Object whom) {
            subject = whom == null ? null : whom.toString();
            return this;
        }

        Event client(@Nullable String client) {
            clientId = client;
            return this;
        }

        Event address(@Nullable String from) {
            address = from;
            return this;
        }

        Event detail(@Nullable String more) {
            detail = more;
            return this;
        }
    }
}
