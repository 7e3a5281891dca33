package dev.authplatform.platform;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The probes an orchestrator reads, with PostgreSQL stopped (a cluster of the test's own): liveness stays 200, since
 * restarting would not bring the database back; readiness and {@code /health} turn 503 naming the database; once
 * PostgreSQL is back, readiness is 200 again on its own. No ERROR line is written while probes fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthProbesTest {

    private PrivatePostgres postgres;
    private Platform platform;

    @BeforeAll
    void start() throws Exception {
        Optional<PrivatePostgres> cluster = PrivatePostgres.create();
        assumeTrue(cluster.isPresent(), "PostgreSQL's server binaries are not installed here");
        postgres = cluster.get();
        postgres.start();
        platform = new Platform(TestInfrastructure.get().redisUri(), Map.of("DATASOURCES_DEFAULT_URL", postgres.jdbcUrl(),
                "DATASOURCES_DEFAULT_USERNAME", "postgres", "DATASOURCES_DEFAULT_PASSWORD", "")).start();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void livenessIgnoresTheDatabaseWhileReadinessFollowsIt() throws Exception {
        Api auth = platform.authApi();
        assertEquals(Map.of("status", "UP", "database", "UP", "redis", "UP", "revocation", "UP"), body(auth.get("/health")));
        assertEquals(200, auth.get("/health/readiness").status());
        assertEquals(200, auth.get("/health/liveness").status());
        // requests keep coming while PostgreSQL goes away under them: each is answered, 503 at worst, never 500
        java.util.concurrent.ConcurrentLinkedQueue<Integer> statuses = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean loading = new java.util.concurrent.atomic.AtomicBoolean(true);
        String refreshToken = auth.registerSomeone().refreshToken();
        Thread load = Thread.ofPlatform().start(() -> {
            while (loading.get()) {
                statuses.add(auth.login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD).status());
                statuses.add(auth.post("/auth/refresh", Api.json("refreshToken", refreshToken)).status());
            }
        });
        Thread.sleep(300);

        postgres.stop();

        Poll.until(Duration.ofSeconds(10), "readiness to notice", () -> auth.get("/health/readiness").status() == 503);
        Api.Response readiness = auth.get("/health/readiness");
        assertEquals("DOWN", body(readiness).get("status"));
        assertEquals("DOWN", body(readiness).get("database"));
        assertEquals("UP", body(readiness).get("redis"));
        assertNotNull(readiness.header("Retry-After"));
        Api.Response health = auth.get("/health");
        assertEquals(503, health.status());
        assertEquals(Map.of("status", "DOWN", "database", "DOWN", "redis", "UP", "revocation", "UP"), body(health));
        Api.Response liveness = auth.get("/health/liveness");
        assertEquals(200, liveness.status(), liveness.body());
        assertEquals("UP", body(liveness).get("status"));
        assertEquals(200, platform.resourceApi().get("/health/readiness").status(), "resource-service never needs PostgreSQL");

        postgres.start();

        Poll.until(Duration.ofSeconds(15), "readiness to recover", () -> auth.get("/health/readiness").status() == 200);
        assertEquals(200, auth.get("/health").status());
        loading.set(false);
        load.join();
        assertTrue(statuses.contains(503), "requests came while it was down: " + statuses.stream().distinct().toList());
        assertEquals(List.of(), statuses.stream().filter(status -> status >= 500 && status != 503).distinct().toList(),
                "a database that goes away is a 503, never a 500");
        List<String> errors = Files.readAllLines(platform.auth.logFile()).stream().filter(line -> line.contains(" ERROR ")).toList();
        assertEquals(List.of(), errors, "a dependency that is down is a status, not an ERROR with a stack trace per probe");
    }

    @Test
    void resourceServiceProbesNameItsOwnDependencies() throws Exception {
        Api resource = platform.resourceApi();
        assertEquals(Map.of("status", "UP", "jwks", "UP", "redis", "UP", "revocation", "UP"), body(resource.get("/health")));
        assertEquals(200, resource.get("/health/liveness").status());
    }

    private static Map<String, Object> body(Api.Response response) throws Exception {
        return JSONObjectUtils.parse(response.body());
    }
}
