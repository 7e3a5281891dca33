package dev.authplatform.common.revocation;

import io.lettuce.core.AbstractRedisClient;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Shuts down the client resources (event loops, timer) of a Redis client once the client is shut down. Micronaut's
 * Redis factory builds a set of resources for each client it makes and hands them to it as shared ones, and a Lettuce
 * client never shuts down resources it was given: every stopped application context left its event loops running until
 * the garbage collector found them (Lettuce's "was not shut down properly" warning, from the finalizer thread).
 */
@Singleton
final class RedisClientResourcesShutdown implements BeanDestroyedEventListener<AbstractRedisClient> {

    @Override
    public void onDestroyed(BeanDestroyedEvent<AbstractRedisClient> event) {
        event.getBean().getResources().shutdown(0, 2, TimeUnit.SECONDS); // no quiet period: its client is already shut down
    }
}
