package dev.authplatform.auth.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters an operator of an auth service watches. Every label value is a fixed word chosen in code (an
 * outcome, a grant type, a kind), never a user, email, client or token, so the number of series is bounded.
 */
@Singleton
public class SecurityMetrics {

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SecurityMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** {@code authplatform_logins_total{outcome=success|failure|throttled}}, the JSON API and the sign-in page alike. */
    public void login(String outcome) {
        count("authplatform.logins", "Password sign-ins, by outcome", "outcome", outcome);
    }

    public void registration() {
        count("authplatform.registrations", "Accounts registered", null, null);
    }

    /** {@code authplatform_refreshes_total{outcome=success|grace|reuse|refused}}. */
    public void refresh(String outcome) {
        count("authplatform.refreshes", "Refresh-token exchanges, by outcome (reuse: a retired token again, the session ended)",
                "outcome", outcome);
    }

    /** {@code authplatform_tokens_issued_total{grant=password|refresh_token|authorization_code|client_credentials}}. */
    public void tokenIssued(String grant) {
        count("authplatform.tokens.issued", "Access tokens issued, by grant", "grant", grant);
    }

    /** {@code authplatform_revocations_total{kind=session|user|token|client}}: what auth-service announced. */
    public void revocation(String kind) {
        count("authplatform.revocations", "Revocations announced, by kind", "kind", kind);
    }

    /** {@code authplatform_backchannel_logouts_total{outcome=delivered|retried|abandoned|dropped}}: logout tokens to clients. */
    public void backchannelLogout(String outcome) {
        count("authplatform.backchannel.logouts", "Back-channel logout deliveries, by outcome (retried: one failed attempt)",
                "outcome", outcome);
    }

    /** {@code authplatform_throttled_total{what=login|client}}: requests refused with 429. */
    public void throttled(String what) {
        count("authplatform.throttled", "Requests refused by a throttle (429), by what was throttled", "what", what);
    }

    /** {@code authplatform_audit_events_total{kind, outcome}}: every audit event. */
    void auditEvent(String kind, String outcome) {
        counters.computeIfAbsent("audit\0" + kind + "\0" + outcome, key -> Counter.builder("authplatform.audit.events")
                .description("Security events recorded in the audit trail, by kind and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(meters)).increment();
    }

    private void count(String name, String description, String tag, String value) {
        counters.computeIfAbsent(name + "\0" + value, key -> {
            Counter.Builder builder = Counter.builder(name).description(description);
            return (tag == null ? builder : builder.tag(tag, value)).register(meters);
        }).increment();
    }
}
