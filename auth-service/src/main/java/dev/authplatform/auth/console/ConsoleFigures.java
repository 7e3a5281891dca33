package dev.authplatform.auth.console;

import dev.authplatform.auth.session.SessionRepository;
import dev.authplatform.common.revocation.RevocationView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The overview's live figures, from the platform's own metrics (the counters Prometheus scrapes) and PostgreSQL:
 * sign-ins and failed sign-ins in the last minute, tokens issued in the last minute, active sessions, and whether the
 * revocation view vouches for being current. Counters are totals since this instance started; a sample every ten
 * seconds turns them into the last minute's counts. Figures are this instance's (Prometheus adds up instances).
 */
@Singleton
class ConsoleFigures {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final SessionRepository sessions;
    private final RevocationView revocations;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** The counters' totals at one moment. */
    private record Sample(Instant at, double signIns, double failures, double tokens) {
    }

    /** What the overview shows. */
    record Figures(long signInsPerMinute, long failuresPerMinute, long tokensPerMinute, long signInsTotal, long tokensTotal,
                   long activeSessions, boolean revocationCurrent, String revocationState) {
    }

    ConsoleFigures(MeterRegistry registry, SessionRepository sessions, RevocationView revocations) {
        this.registry = registry;
        this.sessions = sessions;
        this.revocations = revocations;
    }

    @Scheduled(fixedRate = "10s", initialDelay = "1s")
    synchronized void sample() {
        Sample now = now();
        samples.addLast(now);
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(now.at().minus(WINDOW).minusSeconds(15))) {
            samples.removeFirst();
        }
    }

    Figures figures() {
        Sample now = now();
        Sample minuteAgo;
        synchronized (this) {
            // the oldest sample no further back than a minute; right after start, the first one
            minuteAgo = samples.stream().filter(s -> !s.at().isBefore(now.at().minus(WINDOW))).findFirst()
                    .orElse(samples.isEmpty() ? new Sample(now.at(), 0, 0, 0) : samples.peekLast());
        }
        Optional<String> unavailable = revocations.unavailableReason();
        return new Figures(Math.round(now.signIns() - minuteAgo.signIns()), Math.round(now.failures() - minuteAgo.failures()),
                Math.round(now.tokens() - minuteAgo.tokens()), Math.round(now.signIns()), Math.round(now.tokens()),
                sessions.countActive(Instant.now()), unavailable.isEmpty(), unavailable.orElse("current"));
    }

    private Sample now() {
        return new Sample(Instant.now(), sum("authplatform.logins", "success") + sum("authplatform.logins", "mfa-success"),
                sum("authplatform.logins", "failure") + sum("authplatform.logins", "mfa-failure")
                        + sum("authplatform.logins", "throttled"),
                sum("authplatform.tokens.issued", null));
    }

    private double sum(String name, String outcome) {
        var search = registry.find(name);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
