package dev.authplatform.auth.mfa;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/** Deletes second-step challenges a day after they expired. */
@Singleton
class MfaChallengeCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(MfaChallengeCleanup.class);

    private final MultiFactor multiFactor;

    MfaChallengeCleanup(MultiFactor multiFactor) {
        this.multiFactor = multiFactor;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "9m")
    void scheduled() {
        try {
            multiFactor.deleteExpiredChallenges(Instant.now().minus(Duration.ofDays(1)));
        } catch (RuntimeException e) {
            LOG.warn("second-step challenge cleanup deferred: {}", e.toString());
        }
    }
}
