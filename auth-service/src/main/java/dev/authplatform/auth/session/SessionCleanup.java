package dev.authplatform.auth.session;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Deletes sessions that can matter to nobody any more: expired, or revoked, a day ago or more. A revoked
 * session is needed only while its access tokens live (the re-seeder copies it to Redis for that long), and a
 * refresh token of a deleted session is refused just like one of a revoked session.
 */
@Singleton
class SessionCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCleanup.class);
    static final Duration GRACE = Duration.ofDays(1);

    private final SessionRepository sessions;

    SessionCleanup(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void scheduled() {
        try {
            deleteEndedBefore(Instant.now().minus(GRACE));
        } catch (RuntimeException e) {
            LOG.warn("session cleanup deferred: {}", e.toString());
        }
    }

    int deleteEndedBefore(Instant cutoff) {
        int deleted = sessions.deleteEndedBefore(cutoff);
        if (deleted > 0) {
            LOG.info("deleted {} ended sessions", deleted);
        }
        return deleted;
    }
}
