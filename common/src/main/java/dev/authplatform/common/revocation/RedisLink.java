package dev.authplatform.common.revocation;

import dev.authplatform.common.web.ProblemException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * One shared, lazily opened Redis connection (Lettuce connections are thread-safe and reconnect by themselves).
 * It is opened on first use, not at start, so a service starts while Redis is down and reports DOWN instead
 * of failing; while Redis is unreachable every use fails fast with a 503 problem.
 */
@Singleton
public class RedisLink implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisLink(RedisClient client) {
        this.client = client;
    }

    /** Synchronous commands; throws a 503 {@link ProblemException} when Redis cannot be reached. */
    public RedisCommands<String, String> sync() {
        try {
            return connection().sync();
        } catch (RedisException e) {
            throw ProblemException.unavailable("Redis is unavailable; retry shortly.", 1);
        }
    }

    /** Whether Redis answers a PING now. */
    public boolean ping() {
        try {
            return "PONG".equals(connection().sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public RedisClient client() {
        return client;
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                StatefulRedisConnection<String, String> opened = client.connect(StringCodec.UTF8);
                opened.setTimeout(COMMAND_TIMEOUT);
                connection = opened;
            }
            return connection;
        }
    }

    @Override
    @PreDestroy
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
    }
}
