package dev.authplatform.platform;

import dev.authplatform.common.testing.NamedRedisConnections;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Finds a service's subscription to the revocation channel by the name it gives itself in Redis
 * ({@code revocations.<namespace>.<service>.<port>}, see RedisRevocationView) and cuts it, as a network blip would.
 */
final class RevocationSubscriptions implements AutoCloseable {

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String namespace;

    RevocationSubscriptions(String redisUri, String namespace) {
        this.client = RedisClient.create(redisUri);
        this.connection = client.connect();
        this.redis = connection.sync();
        this.namespace = namespace;
    }

    String nameOf(String service, int port) {
        return "revocations." + namespace + "." + service + "." + port;
    }

    /** Whether a subscribed connection of that name is listed now. */
    boolean isSubscribed(String name) {
        return NamedRedisConnections.isSubscribed(redis, name);
    }

    /** Closes every connection of that name from the server side; returns how many there were. */
    int kill(String name) {
        return NamedRedisConnections.kill(redis, name);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
