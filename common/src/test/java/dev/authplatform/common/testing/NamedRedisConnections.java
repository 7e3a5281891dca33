package dev.authplatform.common.testing;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Connections as Redis lists them ({@code CLIENT LIST}), found by the client name a connection gives itself: how tests
 * find a service's subscription to the revocation channel ({@code revocations.<namespace>.<service>.<port>}, see
 * RedisRevocationView) and cut it from the server side, as a network blip would.
 */
public final class NamedRedisConnections {

    private NamedRedisConnections() {
    }

    /** Whether a connection of that name is listed now as subscribed to a channel. */
    public static boolean isSubscribed(RedisCommands<String, String> redis, String name) {
        return redis.clientList().lines().anyMatch(line -> line.contains(" name=" + name + " ") && line.contains(" sub=1 "));
    }

    /** Closes every connection of that name; returns how many Redis closed. */
    public static int kill(RedisCommands<String, String> redis, String name) {
        int killed = 0;
        for (String line : redis.clientList().split("\n")) {
            if (line.contains(" name=" + name + " ")) {
                long id = Long.parseLong(line.substring("id=".length(), line.indexOf(' ')));
                killed += redis.clientKill(KillArgs.Builder.id(id)).intValue();
            }
        }
        return killed;
    }
}
