package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A third Micronaut service whose classpath has only {@code common} (no code of auth- or resource-service) and
 * whose whole configuration is the issuer URL and the Redis URI: it trusts the platform's tokens, enforces roles
 * and honours revocations. The namespace setting only keeps this test's Redis keys apart from other runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MinimalVerifierAppTest {

    private Platform platform;
    private EmbeddedServer app;
    private Api api;

    /** All the code the third service has of its own. */
    @Controller("/orders")
    static class OrdersController {

        @Get
        @Secured(SecurityRule.IS_AUTHENTICATED)
        Map<String, String> mine(Authentication caller) {
            return Map.of("owner", caller.getName());
        }

        @Get("/all")
        @Secured("admin")
        Map<String, String> all() {
            return Map.of("orders", "all");
        }
    }

    @BeforeAll
    void start() {
        platform = new Platform();
        platform.auth.start();
        app = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "auth.issuer", platform.issuer(),
                "redis.uri", platform.redisUri,
                "auth.revocation.namespace", platform.namespace,
                "micronaut.server.port", "-1"));
        api = new Api(app.getURL().toString());
    }

    @AfterAll
    void stop() {
        app.close();
        platform.close();
    }

    @Test
    void acceptsPlatformTokensAndEnforcesRoles() {
        Api.Response user = platform.authApi().registerSomeone();

        Poll.until(Duration.ofSeconds(10), "the app to trust the platform", () -> api.get("/orders", user.accessToken()).status() == 200);
        assertEquals(user.userId(), api.get("/orders", user.accessToken()).string("owner"));
        assertEquals(403, api.get("/orders/all", user.accessToken()).status());
        assertEquals(200, api.get("/orders/all", platform.adminToken()).status());
        assertEquals(401, api.get("/orders").status());
    }

    @Test
    void honoursRevocations() {
        Api.Response user = platform.authApi().registerSomeone();
        Poll.until(Duration.ofSeconds(10), "the app to trust the platform", () -> api.get("/orders", user.accessToken()).status() == 200);

        platform.authApi().post("/auth/logout", null, user.accessToken());

        Poll.until(Duration.ofMillis(500), "the app to refuse the revoked token", () -> api.get("/orders", user.accessToken()).status() == 401);
    }
}
