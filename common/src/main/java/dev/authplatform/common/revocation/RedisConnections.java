package dev.authplatform.common.revocation;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.api.StatefulConnection;

/** Closing the platform's own Redis connections when a service stops. */
final class RedisConnections {

    private RedisConnections() {
    }

    /**
     * Closes the connection unless it is closed already. Micronaut may destroy the Redis client before the beans that
     * use it, and the client closes all its connections as it shuts down; closing one again made Lettuce warn
     * "Connection is already closed" at every stop.
     */
    static void close(StatefulConnection<?, ?> connection) {
        if (!(connection instanceof RedisChannelHandler<?, ?> handler && handler.isClosed())) {
            connection.close();
        }
    }
}
