package dev.authplatform.common.revocation;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Commands fail at once while Redis is unreachable instead of queueing until a timeout, so a request that
 * needs Redis answers 503 quickly and the revocation view notices the outage on its next probe.
 */
@Singleton
final class RedisClientOptions implements BeanCreatedEventListener<RedisClient> {

    @Override
    public RedisClient onCreated(BeanCreatedEvent<RedisClient> event) {
        return configure(event.getBean());
    }

    static RedisClient configure(RedisClient client) {
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }
}
