package dev.authplatform.auth.session;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /auth/sessions} and {@code DELETE /auth/sessions/{id}}: users see and end their own sessions, and only those. */
@MicronautTest(transactional = false)
class SelfServiceSessionsTest extends AuthServiceTest {

    private static final String PASSWORD = "correct-horse-1";

    @Test
    void theListShowsEachSessionWhereItCameFromAndWhichIsCurrent() {
        String email = "sessions-" + UUID.randomUUID() + "@platform.test";
        Api.Response laptop = api().register(email, PASSWORD);
        Api.Response phone = api().send("POST", "/auth/login", "application/json", json("email", email, "password", PASSWORD), null,
                Map.of("User-Agent", "PhoneApp/2.1 (Android 15)"));
        assertEquals(200, phone.status());

        List<Map<String, Object>> sessions = api().get("/auth/sessions", laptop.accessToken()).array();

        assertEquals(2, sessions.size(), sessions.toString());
        Map<String, Object> newest = sessions.get(0);
        assertEquals("PhoneApp/2.1 (Android 15)", newest.get("userAgent"), "the most recently used first");
        assertEquals("127.0.0.1", newest.get("ipAddress"));
        assertEquals(false, newest.get("current"));
        assertTrue(newest.containsKey("clientId") && newest.get("clientId") == null, "the JSON API's sessions have no client: " + newest);
        assertEquals(true, sessions.get(1).get("current"));
        assertNotNull(sessions.get(1).get("createdAt"));
        assertNotNull(sessions.get(1).get("lastUsedAt"));
        assertNotNull(sessions.get(1).get("expiresAt"));
    }

    @Test
    void endingAnotherSessionRefusesItsTokensAndKeepsThisOne() {
        String email = "sessions-" + UUID.randomUUID() + "@platform.test";
        Api.Response laptop = api().register(email, PASSWORD);
        Api.Response stolen = api().login(email, PASSWORD);
        String stolenId = sessionIdOf(laptop.accessToken(), false);

        assertEquals(204, api().send("DELETE", "/auth/sessions/" + stolenId, null, null, laptop.accessToken()).status());

        assertEquals(401, api().get("/auth/me", stolen.accessToken()).status(), "its access token is refused at once");
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", stolen.refreshToken())).status());
        assertEquals(200, api().get("/auth/me", laptop.accessToken()).status());
        assertEquals(1, api().get("/auth/sessions", laptop.accessToken()).array().size());
        assertEquals(404, api().send("DELETE", "/auth/sessions/" + stolenId, null, null, laptop.accessToken()).status(),
                "an ended session is no longer there to end");
    }

    @Test
    void nobodyEndsOrSeesAnotherUsersSession() {
        Api.Response alice = api().registerSomeone();
        Api.Response mallory = api().registerSomeone();
        String aliceSession = sessionIdOf(alice.accessToken(), true);

        Api.Response refused = api().send("DELETE", "/auth/sessions/" + aliceSession, null, null, mallory.accessToken());

        assertEquals(404, refused.status(), "the same answer as for an id that does not exist");
        assertEquals("application/problem+json", refused.header("Content-Type"));
        assertEquals(404, api().send("DELETE", "/auth/sessions/" + UUID.randomUUID(), null, null, mallory.accessToken()).status());
        assertEquals(200, api().get("/auth/me", alice.accessToken()).status());
        assertEquals(1, api().get("/auth/sessions", mallory.accessToken()).array().size(), "Mallory sees only her own");
        assertEquals(400, api().send("DELETE", "/auth/sessions/not-a-uuid", null, null, mallory.accessToken()).status());
        assertEquals(401, api().get("/auth/sessions").status());
    }

    @Test
    void endingTheCurrentSessionIsALogout() {
        Api.Response user = api().registerSomeone();

        assertEquals(204, api().send("DELETE", "/auth/sessions/" + sessionIdOf(user.accessToken(), true), null, null,
                user.accessToken()).status());

        assertEquals(401, api().get("/auth/me", user.accessToken()).status());
    }

    private String sessionIdOf(String accessToken, boolean current) {
        return api().get("/auth/sessions", accessToken).array().stream()
                .filter(s -> Boolean.valueOf(current).equals(s.get("current"))).findFirst().orElseThrow().get("id").toString();
    }
}
