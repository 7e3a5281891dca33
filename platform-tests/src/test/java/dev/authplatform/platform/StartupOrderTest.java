package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** resource-service may start before auth-service: it reports DOWN, keeps retrying, and comes UP by itself. */
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
}
