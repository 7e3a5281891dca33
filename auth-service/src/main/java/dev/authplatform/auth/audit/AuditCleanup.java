package dev.authplatform.auth.audit;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/** Deletes audit events older than {@code auth.audit.retention}, in batches so that no delete holds locks for long. */
@Singleton
class AuditCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCleanup.class);
    private static final int BATCH = 10_000;

    private final AuditRepository events;
    private final AuditSettings settings;
    private final Clock clock = Clock.systemUTC();

    AuditCleanup(AuditRepository events, AuditSettings settings) {
        this.events = events;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void scheduled() {
        try {
            deleteExpired();
        } catch (RuntimeException e) {
            LOG.warn("audit cleanup deferred: {}", e.toString());
        }
    }

    /** Deletes every event older than the retention; returns how many. */
    long deleteExpired() {
        Instant cutoff = clock.instant().minus(settings.retention());
        long deleted = 0;
        int batch;
        do {
            batch = events.deleteOlderThan(cutoff, BATCH);
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            LOG.info("deleted {} audit events older than {}", deleted, settings.retention());
        }
        return deleted;
    }
}
