package dev.authplatform.auth.revocation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How auth-service serves the revocation feed ({@code auth.revocation.feed-server.*}; docs/revocation-feed.md).
 *
 * @param probeInterval    how often every stream gets a {@code probe} event (consumers count silence against this)
 * @param streamBuffer     events held for one slow stream; a stream further behind is told to {@code reset}
 * @param unavailableAfter how long Redis may fail the feed before its streams are closed, so their consumers
 *                         reconnect, through the load balancer, to an instance that can serve them
 */
@ConfigurationProperties("auth.revocation.feed-server")
public record RevocationFeedSettings(@Bindable(defaultValue = "1s") Duration probeInterval,
                                     @Bindable(defaultValue = "10000") int streamBuffer,
                                     @Bindable(defaultValue = "2s") Duration unavailableAfter) {
}
