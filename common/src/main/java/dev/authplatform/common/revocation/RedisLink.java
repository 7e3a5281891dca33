package dev.authplatform.common.revocation;

import dev.authplatform.common.web.ProblemException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One shared, lazily opened Redis connection (Lettuce connections are thread-safe and reconnect by themselves), to a
 * single Redis, a Sentinel-managed primary ({@code redis.uri}) or a Redis Cluster ({@code redis.uris}). It is opened
 * on first use, not at start, so a service starts while Redis is down and reports DOWN instead of failing; while
 * Redis is unreachable every use fails fast with a 503 problem. The commands offered are those a cluster also has.
 * <p>
 * Commands go through Lettuce's asynchronous API and are awaited here, as its synchronous API would: that API is a
 * dynamic proxy whose class is generated at run time, a cost on the start's critical path ({@link LazySyncRedisClient}).
 */
@Singleton
public class RedisLink implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final AbstractRedisClient client;
    private volatile StatefulConnection<String, String> connection;
    private volatile RedisClusterAsyncCommands<String, String> commands;

    @Inject
    public RedisLink(AbstractRedisClient client) {
        if (!(client instanceof RedisClient) && !(client instanceof RedisClusterClient)) {
            throw new IllegalArgumentException("not a Lettuce Redis or Redis Cluster client: " + client.getClass());
        }
        this.client = client;
    }

    public RedisLink(RedisClient client) {
        this((AbstractRedisClient) client);
    }

    /**
     * Sends one command and waits for its answer, at most the command timeout: {@code redis.await(c -> c.get(key))}.
     * Throws a 503 {@link ProblemException} when the connection cannot be opened, and what Lettuce's synchronous API
     * throws otherwise (a {@link RedisException}: a timeout, a rejected command while Redis is unreachable).
     */
    public <T> T await(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        RedisClusterAsyncCommands<String, String> open;
        try {
            open = commands();
        } catch (RedisException e) {
            throw ProblemException.unavailable("Redis is unavailable; retry shortly.", 1);
        }
        return LettuceFutures.awaitOrCancel(command.apply(open), COMMAND_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether Redis answers a PING now. */
    public boolean ping() {
        try {
            return "PONG".equals(await(RedisClusterAsyncCommands::ping));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether this is a Redis Cluster, where keys a script touches together must share a hash slot. */
    public boolean cluster() {
        return client instanceof RedisClusterClient;
    }

    /** A new publish/subscribe connection (in a cluster, messages published on any node reach it). */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return client instanceof RedisClusterClient cluster
                ? cluster.connectPubSub(StringCodec.UTF8)
                : ((RedisClient) client).connectPubSub(StringCodec.UTF8);
    }

    private RedisClusterAsyncCommands<String, String> commands() {
        RedisClusterAsyncCommands<String, String> current = commands;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (commands == null) {
                if (client instanceof RedisClusterClient cluster) {
                    StatefulRedisClusterConnection<String, String> opened = cluster.connect(StringCodec.UTF8);
                    opened.setTimeout(COMMAND_TIMEOUT);
                    connection = opened;
                    commands = opened.async();
                } else {
                    var opened = ((RedisClient) client).connect(StringCodec.UTF8);
                    opened.setTimeout(COMMAND_TIMEOUT);
                    connection = opened;
                    commands = opened.async();
                }
            }
            return commands;
        }
    }

    @Override
    @PreDestroy
    public void close() {
        StatefulConnection<String, String> current = connection;
        if (current != null) {
            RedisConnections.close(current);
        }
    }
}
