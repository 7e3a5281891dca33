package dev.authplatform.common.revocation;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Commands fail at once while Redis is unreachable instead of queueing until a timeout, so a request that
 * needs Redis answers 503 quickly and the revocation view notices the outage on its next probe. A cluster client
 * also follows topology changes (a failover, a moved slot) as they happen, not only when a command is redirected.
 */
@Singleton
final class RedisClientOptions implements BeanCreatedEventListener<AbstractRedisClient> {

    @Override
    public AbstractRedisClient onCreated(BeanCreatedEvent<AbstractRedisClient> event) {
        AbstractRedisClient client = event.getBean();
        if (client instanceof RedisClient single) {
            return configure(single);
        }
        if (client instanceof RedisClusterClient cluster) {
            cluster.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .build())
                    .build());
        }
        return client;
    }

    static RedisClient configure(RedisClient client) {
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
