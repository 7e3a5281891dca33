package dev.authplatform.platform;

import io.lettuce.core.KillArgs;
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
        return redis.clientList().lines().anyMatch(line -> line.contains(" name=" + name + " ") && line.contains(" sub=1 "));
    }

    /** Closes every connection of that name from the server side; returns how many there were. */
    int kill(String name) {
        int killed = 0;
        for (String line : redis.clientList().split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                long id = Long.parseLong(line.substring(3, line.indexOf(' ')));
                killed += redis.clientKill(KillArgs.Builder.id(id)).intValue();
            }
        }
        return killed;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
