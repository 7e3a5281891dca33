package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * resource-service may start before auth-service: it reports DOWN, keeps retrying, and comes UP by itself. A service
 * stopped while it starts finishes starting, then stops quietly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupOrderTest {

    private Platform platform;

    @BeforeAll
    void start() {
        platform = new Platform();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void resourceServiceStartedFirstComesUpOnceAuthServiceDoes() {
        platform.resource.start(false);
        Api resource = platform.resourceApi();
        Poll.until(Duration.ofSeconds(60), "resource-service to listen", () -> {
            try {
                return resource.get("/api/public/info").status() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        Api.Response health = resource.get("/health");
        assertEquals(503, health.status());
        assertEquals("DOWN", health.string("jwks"));

        platform.auth.start();

        platform.resource.awaitHealthy();
        assertEquals(200, resource.get("/api/me", platform.authApi().registerSomeone().accessToken()).status());
    }

    @Test
    void aStopDuringStartUpLetsItFinishThenStopsQuietly() throws java.io.IOException {
        ServiceProcess starting = platform.newAuthService(Map.of(), PlatformTestProperties.freePort());
        long logFrom = Files.exists(starting.logFile()) ? Files.size(starting.logFile()) : 0;
        starting.start(false);
        // inside the context's start: the database migrations run while the beans are made
        Poll.until(Duration.ofSeconds(60), "auth-service to be migrating its database", () -> log(starting, logFrom).contains("Running migrations"));

        starting.terminate(); // SIGTERM

        Poll.until(Duration.ofSeconds(60), "auth-service to end", () -> !starting.isAlive());
        String log = log(starting, logFrom);
        assertTrue(log.contains("stop requested during start-up"), log);
        assertTrue(log.contains("stopped before serving") || log.contains("Startup completed"), "it finished starting: " + log);
        assertFalse(log.contains("ERROR") || log.contains("Exception"), "quietly: " + log);
    }

    private static String log(ServiceProcess process, long from) {
        try {
            byte[] all = Files.readAllBytes(process.logFile());
            return new String(all, (int) from, all.length - (int) from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
