package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every kind of revocation reaches every verifier: auth-service refuses the token on the very next request,
 * resource-service as soon as the announcement arrives, whether it follows the platform's Redis or auth-service's
 * revocation feed over HTTP with no Redis at all (the deadline here is far above the measured delay, see
 * PropagationBenchmark), and a verifier started afterwards refuses it too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationPropagationTest {

    private static final Duration ANNOUNCEMENT = Duration.ofMillis(500);

    private Platform platform;
    private Api auth;
    private Api resource;
    private ServiceProcess onTheFeed;
    private Api resourceOnTheFeed;

    @BeforeAll
    void start() {
        platform = new Platform().start();
        auth = platform.authApi();
        resource = platform.resourceApi();
        onTheFeed = platform.newResourceService(feedEnvironment(platform)).start();
        resourceOnTheFeed = onTheFeed.api();
    }

    /** resource-service on the feed, with a Redis address where nothing answers: it must need none. */
    static Map<String, String> feedEnvironment(Platform platform) {
        Api.Response client = platform.authApi().post("/admin/clients", json("clientId", "feed-" + UUID.randomUUID(),
                "name", "Revocation feed", "type", "confidential", "grantTypes", List.of("client_credentials"),
                "scopes", List.of("revocation:read")), platform.adminToken());
        assertEquals(201, client.status(), client.toString());
        return Map.of("AUTH_REVOCATION_SOURCE", "feed",
                "AUTH_REVOCATION_FEED_CLIENT_ID", client.string("clientId"),
                "AUTH_REVOCATION_FEED_CLIENT_SECRET", client.string("clientSecret"),
                "REDIS_URI", "redis://127.0.0.1:" + PlatformTestProperties.freePort());
    }

    @AfterAll
    void stop() {
        if (onTheFeed != null) {
            onTheFeed.stop();
        }
        platform.close();
    }

    @Test
    void loggedOutSessionIsRefusedEverywhere() {
        Api.Response user = auth.registerSomeone();
        assertEquals(200, resource.get("/api/me", user.accessToken()).status());
        assertEquals(200, resourceOnTheFeed.get("/api/me", user.accessToken()).status());

        assertEquals(204, auth.post("/auth/logout", null, user.accessToken()).status());

        assertRefusedEverywhere(user.accessToken());
    }

    @Test
    void logoutAllRefusesEverySessionEverywhere() {
        String email = email();
        Api.Response first = auth.register(email, "correct-horse-1");
        Api.Response second = auth.login(email, "correct-horse-1");

        assertEquals(204, auth.post("/auth/logout-all", null, second.accessToken()).status());

        assertRefusedEverywhere(first.accessToken());
        assertRefusedEverywhere(second.accessToken());
    }

    @Test
    void passwordChangeRefusesOtherSessionsEverywhere() {
        String email = email();
        Api.Response other = auth.register(email, "correct-horse-1");
        Api.Response current = auth.login(email, "correct-horse-1");

        assertEquals(204, auth.put("/auth/me/password", json("currentPassword", "correct-horse-1", "newPassword", "battery-staple-2"),
                current.accessToken()).status());

        assertRefusedEverywhere(other.accessToken());
        assertEquals(200, resource.get("/api/me", current.accessToken()).status());
    }

    @Test
    void disabledUserIsRefusedByResourceServiceOnNextRequest() {
        Api.Response user = auth.registerSomeone();

        assertEquals(200, auth.post("/admin/users/" + user.userId() + "/disable", null, platform.adminToken()).status());

        assertRefusedEverywhere(user.accessToken());
    }

    @Test
    void adminRevokedSessionsAreRefusedEverywhere() {
        Api.Response user = auth.registerSomeone();

        assertEquals(204, auth.post("/admin/users/" + user.userId() + "/revoke-sessions", null, platform.adminToken()).status());

        assertRefusedEverywhere(user.accessToken());
    }

    @Test
    void reuseOfARotatedRefreshTokenKillsTheSessionsAccessTokensEverywhere() {
        Api.Response user = auth.registerSomeone();
        Api.Response rotated = auth.post("/auth/refresh", json("refreshToken", user.refreshToken()));
        assertEquals(200, rotated.status());

        assertEquals(401, auth.post("/auth/refresh", json("refreshToken", user.refreshToken())).status());

        assertRefusedEverywhere(rotated.accessToken());
    }

    @Test
    void verifierStartedAfterTheRevocationRefusesTheTokenToo() {
        Api.Response user = auth.registerSomeone();
        assertEquals(204, auth.post("/auth/logout", null, user.accessToken()).status());

        try (ServiceProcess late = platform.newResourceService(Map.of()).start()) {
            Api.Response response = late.api().get("/api/me", user.accessToken());
            assertEquals(401, response.status(), response.toString());
            assertEquals(200, late.api().get("/api/me", auth.registerSomeone().accessToken()).status());
        }
    }

    private void assertRefusedEverywhere(String token) {
        Api.Response byAuth = auth.get("/auth/me", token);
        assertEquals(401, byAuth.status(), "auth-service refuses on the very next request: " + byAuth);
        Poll.until(ANNOUNCEMENT, "resource-service to refuse the revoked token",
                () -> resource.get("/api/me", token).status() == 401);
        Poll.until(ANNOUNCEMENT, "resource-service on the feed to refuse the revoked token",
                () -> resourceOnTheFeed.get("/api/me", token).status() == 401);
    }

    private static String email() {
        return "revoke-" + UUID.randomUUID() + "@platform.test";
    }
}
