package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both services on a Sentinel-managed Redis ({@code REDIS_URI=redis-sentinel://host:port/0#name}, Lettuce's form):
 * revocations reach the verifier before the primary dies and after its replica is promoted, and while the switch
 * lasts a revoked token is never accepted (the verifier answers 503 rather than trust a view it cannot confirm).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSentinelFailoverTest {

    private static final Duration ANNOUNCEMENT = Duration.ofMillis(500);
    /** From the promotion to serving again: Lettuce's next reconnect (at most 1 s apart), a reload, a probe back. */
    private static final Duration RECOVERY = Duration.ofSeconds(5);

    private SentinelRedis redis;
    private Platform platform;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(SentinelRedis.REDIS_SERVER) && Files.isExecutable(SentinelRedis.REDIS_SENTINEL),
                "Debian's redis-server and redis-sentinel are not installed here (.ci/run installs them)");
        redis = new SentinelRedis();
        platform = new Platform(redis.uri(), Map.of()).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void revocationsReachTheVerifierAcrossAFailoverAndNoneIsAcceptedDuringIt() throws Exception {
        Api auth = platform.authApi();
        Api resource = platform.resourceApi();
        Api.Response before = auth.registerSomeone();
        assertEquals(204, auth.post("/auth/logout", null, before.accessToken()).status());
        Poll.until(ANNOUNCEMENT, "the verifier to refuse a token revoked before the failover",
                () -> resource.get("/api/me", before.accessToken()).status() == 401);
        String valid = auth.registerSomeone().accessToken();
        int firstPrimary = redis.currentPrimaryPort();

        // watch both tokens without a pause while the primary dies and the replica takes over
        Map<Integer, AtomicLong> revokedAnswers = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> validAnswers = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = Thread.ofPlatform().start(() -> {
            while (watching.get()) {
                revokedAnswers.computeIfAbsent(resource.get("/api/me", before.accessToken()).status(), s -> new AtomicLong()).incrementAndGet();
                validAnswers.computeIfAbsent(resource.get("/api/me", valid).status(), s -> new AtomicLong()).incrementAndGet();
            }
        });
        long promoted = 0;
        long verifierBack = 0;
        try {
            redis.killPrimary();
            Poll.until(Duration.ofSeconds(30), "Sentinel to promote the replica", () -> redis.currentPrimaryPort() != firstPrimary);
            promoted = System.nanoTime();
            Poll.until(RECOVERY, "the verifier to serve again on the new primary", () -> resource.get("/api/me", valid).status() == 200);
            verifierBack = System.nanoTime();
        } finally {
            watching.set(false);
            watcher.join();
        }
        // auth-service keeps its own connections and view: it must be back as soon, or its logouts answer 503
        Poll.until(RECOVERY, "auth-service to serve again on the new primary", () -> auth.get("/auth/me", valid).status() == 200);
        long authBack = System.nanoTime();
        System.out.printf("RedisSentinelFailoverTest: after the promotion the verifier served again in %d ms, auth-service in %d ms%n",
                (verifierBack - promoted) / 1_000_000, (authBack - promoted) / 1_000_000);
        assertNotEquals(firstPrimary, redis.currentPrimaryPort());
        System.out.printf("RedisSentinelFailoverTest: during the switch the revoked token got %s, the valid one %s%n", revokedAnswers, validAnswers);
        assertTrue(!revokedAnswers.containsKey(200), "a revoked token is never accepted during the failover: " + revokedAnswers);
        assertTrue(validAnswers.keySet().stream().allMatch(status -> status == 200 || status == 503),
                "a valid token is accepted or, while the view cannot be confirmed, answered 503: " + validAnswers);

        Api.Response after = auth.registerSomeone();
        assertEquals(200, resource.get("/api/me", after.accessToken()).status());
        assertEquals(204, auth.post("/auth/logout", null, after.accessToken()).status());
        Poll.until(ANNOUNCEMENT, "the verifier to refuse a token revoked after the failover",
                () -> resource.get("/api/me", after.accessToken()).status() == 401);
        assertEquals(401, resource.get("/api/me", before.accessToken()).status(), "and the one revoked before it still");
    }
}
