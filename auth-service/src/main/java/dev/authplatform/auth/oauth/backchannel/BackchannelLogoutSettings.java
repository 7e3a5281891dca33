package dev.authplatform.auth.oauth.backchannel;

import dev.authplatform.auth.outbox.QueueWorker;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How logout tokens reach clients ({@code auth.backchannel-logout.*}; OpenID Connect Back-Channel Logout 1.0).
 *
 * @param timeout       how long one delivery may take, connecting included
 * @param tokenLifetime the {@code exp} of a logout token after its {@code iat}
 * @param firstRetry    the wait after the first failed attempt; it doubles with each further failure
 * @param maxRetryDelay the longest wait between two attempts
 * @param maxAttempts   attempts before a notice is abandoned (audited and counted as such)
 * @param pollInterval  how often an instance looks for notices due (queued elsewhere, or due for a retry)
 * @param lease         how long a notice an instance took stays its own: another takes it over after that (a crash)
 * @param retention     how long finished notices are kept
 */
@ConfigurationProperties("auth.backchannel-logout")
public record BackchannelLogoutSettings(@Bindable(defaultValue = "5s") Duration timeout,
                                        @Bindable(defaultValue = "2m") Duration tokenLifetime,
                                        @Bindable(defaultValue = "2s") Duration firstRetry,
                                        @Bindable(defaultValue = "10m") Duration maxRetryDelay,
                                        @Bindable(defaultValue = "12") int maxAttempts,
                                        @Bindable(defaultValue = "1s") Duration pollInterval,
                                        @Bindable(defaultValue = "1m") Duration lease,
                                        @Bindable(defaultValue = "7d") Duration retention) {

    /** The wait after the {@code attempts}-th failure: first-retry, doubled each time, at most max-retry-delay. */
    Duration retryDelay(int attempts) {
        return QueueWorker.retryDelay(firstRetry, attempts, maxRetryDelay);
    }
}
