package dev.authplatform.auth.revocation;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authplatform.common.revocation.LazySyncRedisClient;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RevocationView;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stopped service leaves no Redis event loops behind, and closes its Redis connections without complaint. */
class RedisClientShutdownTest {

    @Test
    void stoppingTheServiceShutsDownItsRedisClientsEventLoops() {
        ClientResources resources;
        try (ApplicationContext context = startService()) {
            AbstractRedisClient client = context.getBean(AbstractRedisClient.class);
            assertInstanceOf(LazySyncRedisClient.class, client, "the platform's client, built by its factory");
            resources = client.getResources();
            assertFalse(resources.eventExecutorGroup().isShuttingDown(), "in use while the service runs");
        }
        Poll.until(Duration.ofSeconds(5), "the Redis client's event loops to shut down",
                () -> resources.eventExecutorGroup().isTerminated());
    }

    @Test
    void stoppingTheServiceClosesEachRedisConnectionOnce() {
        Logger lettuce = (Logger) LoggerFactory.getLogger("io.lettuce.core");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        lettuce.addAppender(captured);
        try {
            try (ApplicationContext context = startService()) {
                assertTrue(context.getBean(RedisLink.class).ping(), "the commands connection is open");
                Poll.until(Duration.ofSeconds(5), "the revocation channel to be subscribed",
                        () -> context.getBean(RevocationView.class).unavailableReason().isEmpty());
            }
            List<String> warnings = captured.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of(), warnings);
        } finally {
            lettuce.detachAppender(captured);
        }
    }

    private static ApplicationContext startService() {
        return ApplicationContext.run(EmbeddedServer.class, new HashMap<String, Object>(PlatformTestProperties.authService()))
                .getApplicationContext();
    }
}
