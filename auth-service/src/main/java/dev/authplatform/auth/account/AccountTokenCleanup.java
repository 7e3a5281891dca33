package dev.authplatform.auth.account;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/** Deletes emailed-link tokens a day after they expired: by then no link can use them, and no one asks about them. */
@Singleton
class AccountTokenCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(AccountTokenCleanup.class);

    private final AccountTokens tokens;

    AccountTokenCleanup(AccountTokens tokens) {
        this.tokens = tokens;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "7m")
    void scheduled() {
        try {
            int deleted = tokens.deleteExpiredBefore(Instant.now().minus(Duration.ofDays(1)));
            if (deleted > 0) {
                LOG.info("deleted {} expired emailed-link tokens", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("emailed-link token cleanup deferred: {}", e.toString());
        }
    }
}
