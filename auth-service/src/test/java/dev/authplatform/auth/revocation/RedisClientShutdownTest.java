package dev.authplatform.auth.revocation;

import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** A stopped service leaves no Redis event loops behind: its client's resources are shut down with the client. */
class RedisClientShutdownTest {

    @Test
    void stoppingTheServiceShutsDownItsRedisClientsEventLoops() {
        ClientResources resources;
        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, new HashMap<String, Object>(PlatformTestProperties.authService()))
                .getApplicationContext()) {
            resources = context.getBean(AbstractRedisClient.class).getResources();
            assertFalse(resources.eventExecutorGroup().isShuttingDown(), "in use while the service runs");
        }
        Poll.until(Duration.ofSeconds(5), "the Redis client's event loops to shut down",
                () -> resources.eventExecutorGroup().isTerminated());
    }
}
