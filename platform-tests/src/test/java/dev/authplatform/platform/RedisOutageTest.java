package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis stops, and comes back empty (no persistence): protected routes answer 503 with Retry-After meanwhile
 * (never 500, never a pass on a stale view), public routes keep working, and afterwards both services recover
 * by themselves with every revocation made before the outage still in force. It runs its own redis-server on a
 * spare port, never the shared one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** Redis answers again → served again: the next reconnect (at most auth.redis.reconnect-max-delay, 500 ms), the
     *  re-seed of the empty store, a reload and a probe back. */
    private static final Duration RECOVERY = Duration.ofSeconds(3);

    private final int redisPort = PlatformTestProperties.freePort();
    private Process redis;
    private Platform platform;

    @BeforeAll
    void start() throws IOException {
        Optional<Path> binary = redisServerBinary();
        assumeTrue(binary.isPresent(), "redis-server is not installed here");
        redis = startRedis(binary.get());
        platform = new Platform("redis://127.0.0.1:" + redisPort, Map.of()).start();
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    @Test
    void protectedRoutesAnswer503DuringTheOutageAndRecoverWithEveryRevocationInForce() throws Exception {
        Api auth = platform.authApi();
        Api resource = platform.resourceApi();
        Api.Response revoked = auth.registerSomeone();
        Api.Response valid = auth.registerSomeone();
        assertEquals(204, auth.post("/auth/logout", null, revoked.accessToken()).status());
        Poll.until(Duration.ofMillis(500), "the logout to reach resource-service",
                () -> resource.get("/api/me", revoked.accessToken()).status() == 401);

        redis.destroyForcibly().waitFor();
        long stopped = System.nanoTime();

        Poll.until(Duration.ofSeconds(5), "resource-service to refuse with 503", () -> resource.get("/api/me", valid.accessToken()).status() == 503);
        Poll.until(Duration.ofSeconds(5), "auth-service to refuse with 503", () -> auth.get("/auth/me", valid.accessToken()).status() == 503);
        Api.Response unavailable = resource.get("/api/me", valid.accessToken());
        assertNotNull(unavailable.header("Retry-After"));
        assertEquals("application/problem+json", unavailable.header("Content-Type"));
        assertNotNull(auth.get("/auth/me", valid.accessToken()).header("Retry-After"));
        assertEquals(200, resource.get("/api/public/info").status(), "public routes keep working");
        assertEquals(503, resource.get("/health").status());

        // down long enough that Lettuce's own backoff (doubling up to 30 s) would wait seconds before the next try
        long down = System.nanoTime() - stopped;
        if (down < OUTAGE.toNanos()) {
            Thread.sleep((OUTAGE.toNanos() - down) / 1_000_000);
        }
        redis = startRedis(redisServerBinary().orElseThrow()); // back, and empty
        long back = System.nanoTime();

        Poll.until(RECOVERY, "resource-service to recover", () -> resource.get("/api/me", valid.accessToken()).status() == 200);
        long resourceBack = System.nanoTime();
        Poll.until(RECOVERY, "auth-service to recover", () -> auth.get("/auth/me", valid.accessToken()).status() == 200);
        System.out.printf("RedisOutageTest: after %d s without Redis, resource-service served again %d ms after it answered, auth-service %d ms%n",
                (back - stopped) / 1_000_000_000, (resourceBack - back) / 1_000_000, (System.nanoTime() - back) / 1_000_000);
        assertEquals(401, resource.get("/api/me", revoked.accessToken()).status(), "the revocation survived the outage");
        assertEquals(401, auth.get("/auth/me", revoked.accessToken()).status());
    }

    @Test
    void verifierThatLostItsChannelCatchesUpOnWhatWasAnnouncedMeanwhile() throws Exception {
        try (ServiceProcess verifier = platform.newResourceService(Map.of()).start()) {
            Api auth = platform.authApi();
            Api resource = verifier.api();
            Api.Response user = auth.registerSomeone();
            Poll.until(Duration.ofSeconds(15), "the platform to be current", () -> resource.get("/api/me", user.accessToken()).status() == 200);

            try (RevocationSubscriptions subscriptions = new RevocationSubscriptions(platform.redisUri, platform.namespace)) {
                // only the verifier loses its channel
                assertEquals(1, subscriptions.kill(subscriptions.nameOf("resource-service", verifier.port())));
            }
            assertEquals(204, auth.post("/auth/logout", null, user.accessToken()).status()); // announced while it reconnects

            List<Integer> seen = new java.util.ArrayList<>();
            Poll.until(Duration.ofSeconds(15), () -> "the verifier to refuse the revoked token; it answered " + seen, () -> {
                int status = resource.get("/api/me", user.accessToken()).status();
                seen.add(status);
                return status == 401;
            });
            assertTrue(seen.stream().noneMatch(status -> status == 200), "never accepted after the logout: " + seen);
        }
    }

    private Process startRedis(Path binary) throws IOException {
        Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Poll.until(Duration.ofSeconds(10), "redis-server on " + redisPort, () -> {
            try (var socket = new java.net.Socket("127.0.0.1", redisPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private static Optional<Path> redisServerBinary() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "redis-server")).filter(Files::isExecutable).findFirst();
    }
}
