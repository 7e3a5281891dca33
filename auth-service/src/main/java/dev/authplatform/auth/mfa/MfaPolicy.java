package dev.authplatform.auth.mfa;

import dev.authplatform.auth.audit.SecurityAudit;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which roles need a second factor: those of {@code auth.mfa.required-for-roles}, and those an admin required at
 * {@code PUT /admin/mfa-policy} (stored in PostgreSQL, so every instance applies them). A token carries such a role
 * only when its session signed in with a second factor. Each instance reads the stored policy at most every
 * {@link #REFRESH}: a change reaches every instance within that; tokens already issued keep their roles until they
 * expire (or their sessions are ended).
 */
@Singleton
public class MfaPolicy {

    static final Duration REFRESH = Duration.ofSeconds(5);

    private final MfaPolicyRepository rows;
    private final MfaSettings settings;
    private final SecurityAudit audit;
    /** The stored policy as last read, and when; null before the first read. */
    private volatile Snapshot snapshot;

    MfaPolicy(MfaPolicyRepository rows, MfaSettings settings, SecurityAudit audit) {
        this.rows = rows;
        this.settings = settings;
        this.audit = audit;
    }

    private record Snapshot(Set<String> stored, long readAtNanos) {
    }

    /** Every role that needs a second factor now. */
    public Set<String> requiredRoles() {
        Set<String> all = new TreeSet<>(settings.requiredForRoles());
        all.addAll(stored());
        return all;
    }

    /** The roles required by configuration: an admin cannot lift these. */
    public Set<String> configuredRoles() {
        return new TreeSet<>(settings.requiredForRoles());
    }

    /** Replaces the roles an admin requires a second factor for. */
    @Transactional
    public void require(List<String> roles, String admin) {
        rows.deleteAll();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (String role : new TreeSet<>(roles)) {
            rows.save(new MfaPolicyRow(role, admin, now));
        }
        snapshot = new Snapshot(Set.copyOf(roles), System.nanoTime());
        audit.adminAction(admin, "mfa-policy", null, "required-for=" + String.join("+", new TreeSet<>(roles)));
    }

    private Set<String> stored() {
        Snapshot current = snapshot;
        if (current != null && System.nanoTime() - current.readAtNanos() < REFRESH.toNanos()) {
            return current.stored();
        }
        Set<String> read = Set.copyOf(rows.findAll().stream().map(MfaPolicyRow::role).toList());
        snapshot = new Snapshot(read, System.nanoTime());
        return read;
    }
}
