package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both services on a Redis Cluster of three primaries ({@code REDIS_URIS}, every node): the revocation channel and
 * view work as on one Redis. The namespace must be a hash tag ({@code {name}}), so that the keys a script writes
 * together share a slot; a service given a plain one refuses to start and says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisClusterTest {

    private static final Duration ANNOUNCEMENT = Duration.ofMillis(500);

    private RedisCluster cluster;
    private Platform platform;
    private Map<String, String> onTheCluster;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(RedisCluster.REDIS_SERVER) && Files.isExecutable(RedisCluster.REDIS_CLI),
                "Debian's redis-server and redis-cli are not installed here");
        cluster = new RedisCluster();
        onTheCluster = Map.of("REDIS_URIS", cluster.uris(), "AUTH_REVOCATION_NAMESPACE", "{cluster-" + System.nanoTime() + "}");
        platform = new Platform("redis://127.0.0.1:" + cluster.ports.getFirst(), onTheCluster).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void revocationsReachEveryVerifierThroughTheCluster() {
        Api auth = platform.authApi();
        Api resource = platform.resourceApi();

        Api.Response loggedOut = auth.registerSomeone();
        assertEquals(200, resource.get("/api/me", loggedOut.accessToken()).status());
        assertEquals(204, auth.post("/auth/logout", null, loggedOut.accessToken()).status());
        Poll.until(ANNOUNCEMENT, "the verifier to refuse a logged-out session", () -> resource.get("/api/me", loggedOut.accessToken()).status() == 401);

        Api.Response disabled = auth.registerSomeone();
        assertEquals(200, auth.post("/admin/users/" + disabled.userId() + "/disable", null, platform.adminToken()).status());
        Poll.until(ANNOUNCEMENT, "the verifier to refuse a disabled user", () -> resource.get("/api/me", disabled.accessToken()).status() == 401);

        Api.Response reused = auth.registerSomeone();
        Api.Response rotated = auth.post("/auth/refresh", json("refreshToken", reused.refreshToken()));
        assertEquals(200, rotated.status());
        assertEquals(401, auth.post("/auth/refresh", json("refreshToken", reused.refreshToken())).status());
        Poll.until(ANNOUNCEMENT, "the verifier to refuse the session of a reused refresh token",
                () -> resource.get("/api/me", rotated.accessToken()).status() == 401);

        // a verifier started now loads what was revoked before it, from the cluster
        try (ServiceProcess late = platform.newResourceService(onTheCluster).start()) {
            assertEquals(401, late.api().get("/api/me", loggedOut.accessToken()).status());
            assertEquals(401, late.api().get("/api/me", disabled.accessToken()).status());
            assertEquals(200, late.api().get("/api/me", auth.registerSomeone().accessToken()).status());
        }
    }

    @Test
    void servicesAuthenticateAndAreThrottledThroughTheCluster() {
        Api auth = platform.authApi();
        Api.Response client = auth.post("/admin/clients", json("clientId", "svc-" + System.nanoTime(), "name", "Reporting job",
                "type", "confidential", "grantTypes", List.of("client_credentials"), "scopes", List.of("reports:read")), platform.adminToken());
        assertEquals(201, client.status(), client.toString());
        String right = "grant_type=client_credentials&client_id=" + client.string("clientId") + "&client_secret=" + client.string("clientSecret");
        String wrong = "grant_type=client_credentials&client_id=" + client.string("clientId") + "&client_secret=wrong-wrong-wrong";

        Api.Response token = auth.send("POST", "/oauth2/token", "application/x-www-form-urlencoded", right, null);
        assertEquals(200, token.status(), token.toString());
        assertEquals(200, platform.resourceApi().get("/api/reports", token.string("access_token")).status());
        Api.Response last = null;
        for (int i = 0; i < 12 && (last == null || last.status() != 429); i++) {
            last = auth.send("POST", "/oauth2/token", "application/x-www-form-urlencoded", wrong, null);
        }
        assertEquals(429, last.status(), "failures counted on the cluster: " + last);
        assertEquals(429, auth.send("POST", "/oauth2/token", "application/x-www-form-urlencoded", right, null).status(),
                "and the wait read from it");
    }

    @Test
    void aNamespaceThatIsNotAHashTagIsRefusedAtStart() throws Exception {
        ServiceProcess plain = platform.newResourceService(
                Map.of("REDIS_URIS", cluster.uris(), "AUTH_REVOCATION_NAMESPACE", "plain-namespace"));
        try (plain) {
            plain.start(false);
            Poll.until(Duration.ofSeconds(60), "resource-service to refuse to start", () -> !plain.isAlive());
        }
        String log = Files.readString(plain.logFile());
        assertTrue(log.contains("auth.revocation.namespace must be a hash tag"), "says why");
    }
}
