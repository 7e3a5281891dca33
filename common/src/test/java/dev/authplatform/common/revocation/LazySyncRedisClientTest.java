package dev.authplatform.common.revocation;

import dev.authplatform.common.testing.TestInfrastructure;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The platform's Redis client connects without building Lettuce's synchronous API (a dynamic proxy whose class costs
 * the first connection 40-100 ms of CPU), and still builds it, once, for whoever asks.
 */
class LazySyncRedisClientTest {

    private final ClientResources resources = ClientResources.create();
    private final LazySyncRedisClient client = new LazySyncRedisClient(resources, RedisURI.create(TestInfrastructure.get().redisUri()));

    @AfterEach
    void close() {
        client.shutdown();
        resources.shutdown();
    }

    @Test
    void aCommandsConnectionServesTheAsynchronousApiWithoutBuildingTheSynchronousOne() throws Exception {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String key = "lazy-sync:" + UUID.randomUUID();
            assertEquals("OK", await(connection.async().setex(key, 60, "value")));
            assertEquals("value", await(connection.async().get(key)));
            assertNull(syncApiBuiltOnConnecting(connection), "the constructor built no synchronous API");

            RedisCommands<String, String> sync = connection.sync();
            assertEquals("value", sync.get(key));
            assertSame(sync, connection.sync(), "built once, when asked");
            sync.del(key);
        }
    }

    @Test
    void aPublishSubscribeConnectionSubscribesAndHearsWithoutBuildingTheSynchronousApi() throws Exception {
        String channel = "lazy-sync:" + UUID.randomUUID();
        BlockingQueue<String> heard = new ArrayBlockingQueue<>(1);
        try (StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
             StatefulRedisConnection<String, String> publisher = client.connect()) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    heard.offer(message);
                }
            });
            await(subscriber.async().subscribe(channel));
            assertEquals(1L, await(publisher.async().publish(channel, "hello")));
            assertEquals("hello", heard.poll(5, TimeUnit.SECONDS));
            assertNull(syncApiBuiltOnConnecting(subscriber), "the constructor built no synchronous API");

            subscriber.sync().unsubscribe(channel);
            assertSame(subscriber.sync(), subscriber.sync(), "built once, when asked");
            assertEquals(0L, await(publisher.async().publish(channel, "after")), "unsubscribed through the synchronous API");
        }
    }

    private static <T> T await(RedisFuture<T> command) {
        return LettuceFutures.awaitOrCancel(command, 5, TimeUnit.SECONDS);
    }

    /** Lettuce's field for the synchronous API, which its connection's constructor fills unless told otherwise. */
    private static Object syncApiBuiltOnConnecting(Object connection) throws ReflectiveOperationException {
        Field sync = StatefulRedisConnectionImpl.class.getDeclaredField("sync");
        sync.setAccessible(true);
        return sync.get(connection);
    }
}
