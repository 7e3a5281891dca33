package dev.authplatform.platform;

import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two auth-service and two resource-service processes behind HAProxy, sharing one database and one Redis: any
 * instance carries on what another began, and what one instance revokes or rotates holds on every instance.
 * {@code -Dmultiinstance.raceRounds=N} races more refresh tokens (10 by default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceTest {

    /** The published bound: a revocation reaches every verifier within 500 ms (docs/usage.md, RevocationPropagationTest). */
    private static final Duration ANNOUNCEMENT = Duration.ofMillis(500);
    private static final int RACE_ROUNDS = Integer.getInteger("multiinstance.raceRounds", 10);

    private TwoOfEach scaled;
    private LoadBalancer balancer;
    private List<Api> auths;
    private List<Api> resources;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(java.nio.file.Files.isExecutable(LoadBalancer.HAPROXY), "Debian's haproxy is not installed here (.ci/run installs it)");
        scaled = new TwoOfEach();
        balancer = scaled.balancer;
        auths = List.of(scaled.auth(0), scaled.auth(1));
        resources = List.of(scaled.resource(0), scaled.resource(1));
    }

    @AfterAll
    void stop() throws Exception {
        if (scaled != null) {
            scaled.close();
        }
    }

    @Test
    void aSessionBegunOnOneInstanceIsCarriedOnByTheOther() {
        Api.Response user = auths.get(0).registerSomeone();

        Api.Response refreshed = auths.get(1).post("/auth/refresh", json("refreshToken", user.refreshToken()));

        assertEquals(200, refreshed.status(), refreshed.toString());
        for (Api resource : resources) {
            assertEquals(200, resource.get("/api/me", refreshed.accessToken()).status());
        }
        Api.Response throughBalancer = balancer.api("auth").post("/auth/refresh", json("refreshToken", refreshed.refreshToken()));
        assertEquals(200, throughBalancer.status(), throughBalancer.toString());
        assertEquals(200, balancer.api("resource").get("/api/me", throughBalancer.accessToken()).status());
        assertEquals(401, auths.get(0).post("/auth/refresh", json("refreshToken", user.refreshToken())).status(),
                "the first refresh token is used up on the instance that issued it too");
    }

    @Test
    void aLogoutOnOneInstanceIsRefusedByEveryVerifier() {
        Api.Response user = auths.get(0).registerSomeone();
        assertEquals(204, auths.get(0).post("/auth/logout", null, user.accessToken()).status());
        assertRefusedByEveryVerifier("/api/me", user.accessToken());
        assertEquals(401, auths.get(1).get("/auth/me", user.accessToken()).status(), "and by the other auth-service");
    }

    @Test
    void aUserDisabledOnOneInstanceIsRefusedByEveryVerifier() {
        Api.Response user = auths.get(0).registerSomeone();
        assertEquals(200, auths.get(1).post("/admin/users/" + user.userId() + "/disable", null, adminToken(1)).status());
        assertRefusedByEveryVerifier("/api/me", user.accessToken());
    }

    @Test
    void aClientDisabledOnOneInstanceIsRefusedByEveryVerifier() {
        String admin = adminToken(0);
        Api.Response client = auths.get(0).post("/admin/clients", json("clientId", "svc-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Reporting job", "type", "confidential", "grantTypes", List.of("client_credentials"),
                "scopes", List.of("reports:read")), admin);
        assertEquals(201, client.status(), client.toString());
        String basic = Base64.getEncoder().encodeToString((client.string("clientId") + ":" + client.string("clientSecret"))
                .getBytes(StandardCharsets.UTF_8));
        Api.Response token = auths.get(0).send("POST", "/oauth2/token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials", null, Map.of("Authorization", "Basic " + basic));
        assertEquals(200, token.status(), token.toString());
        String accessToken = token.string("access_token");
        for (Api resource : resources) {
            assertEquals(200, resource.get("/api/reports", accessToken).status());
        }

        assertEquals(200, auths.get(1).post("/admin/clients/" + client.string("clientId") + "/disable", null, adminToken(1)).status());

        assertRefusedByEveryVerifier("/api/reports", accessToken);
    }

    @Test
    void aKeyRotatedOnOneInstanceIsUsedByBothAndVerifiedByAll() throws ParseException {
        Api.Response rotated = auths.get(0).post("/admin/keys/rotate", null, adminToken(0));
        assertEquals(200, rotated.status(), rotated.toString());
        String kid = rotated.string("kid");

        // the other instance reloads its keys from the database every 5 s
        List<String> tokens = new ArrayList<>();
        for (Api auth : auths) {
            Poll.until(Duration.ofSeconds(15), "an instance to sign with the new key", () -> {
                Api.Response user = auth.registerSomeone();
                if (!kid.equals(kidOf(user.accessToken()))) {
                    return false;
                }
                tokens.add(user.accessToken());
                return true;
            });
        }
        for (String token : tokens) {
            for (Api resource : resources) {
                Poll.until(Duration.ofSeconds(5), "every verifier to accept the new key", () -> resource.get("/api/me", token).status() == 200);
            }
        }
    }

    @Test
    void aRefreshTokenRacedAcrossBothInstancesIsAcceptedExactlyOnce() throws Exception {
        int attemptsPerInstance = 3;
        ExecutorService racers = Executors.newFixedThreadPool(2 * attemptsPerInstance);
        try {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                String refreshToken = auths.get(round % 2).registerSomeone().refreshToken();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> attempts = new ArrayList<>();
                for (int i = 0; i < 2 * attemptsPerInstance; i++) {
                    Api auth = auths.get(i % 2);
                    attempts.add(racers.submit(() -> {
                        go.await();
                        return auth.post("/auth/refresh", json("refreshToken", refreshToken)).status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> attempt : attempts) {
                    statuses.add(attempt.get());
                }
                assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "round " + round + ": " + statuses);
                assertEquals(2 * attemptsPerInstance - 1, statuses.stream().filter(status -> status == 401).count(),
                        "round " + round + ": the others are refused as reuse, not failed: " + statuses);
            }
        } finally {
            racers.shutdownNow();
        }
        System.out.printf("MultiInstanceTest: %d refresh tokens raced %d ways across two instances, each accepted exactly once%n",
                RACE_ROUNDS, 2 * attemptsPerInstance);
    }

    private void assertRefusedByEveryVerifier(String path, String token) {
        for (Api resource : resources) {
            Poll.until(ANNOUNCEMENT, "every resource-service instance to refuse the token", () -> resource.get(path, token).status() == 401);
        }
    }

    private String adminToken(int instance) {
        return scaled.adminToken(instance);
    }

    private static String kidOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }
}
