package dev.authplatform.common.revocation;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micronaut.configuration.lettuce.AbstractRedisConfiguration;
import io.micronaut.configuration.lettuce.ClientResourcesMutator;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Reconnect attempts back off exponentially from a millisecond, but never wait longer than
 * {@link RedisReconnectSettings#reconnectMaxDelay()}: after a failover every connection (commands, the revocation
 * channel, the Sentinel lookup) is back within that much of Redis answering again.
 */
@Singleton
final class RedisReconnectDelay implements ClientResourcesMutator {

    private final Duration maxDelay;

    RedisReconnectDelay(RedisReconnectSettings settings) {
        this.maxDelay = settings.reconnectMaxDelay();
    }

    @Override
    public void mutate(ClientResources.Builder builder, AbstractRedisConfiguration config) {
        builder.reconnectDelay(Delay.exponential(Duration.ZERO, maxDelay, 2, TimeUnit.MILLISECONDS));
    }
}
