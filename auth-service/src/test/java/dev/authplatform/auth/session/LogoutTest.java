package dev.authplatform.auth.session;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After a logout auth-service refuses the session's tokens on the very next request. */
@MicronautTest(transactional = false)
class LogoutTest extends AuthServiceTest {

    @Test
    void logoutEndsOnlyTheCallersSession() {
        String email = "logout-" + java.util.UUID.randomUUID() + "@platform.test";
        Api.Response first = api().register(email, "correct-horse-1");
        Api.Response second = api().login(email, "correct-horse-1");

        assertEquals(204, api().post("/auth/logout", null, first.accessToken()).status());

        Api.Response refused = api().get("/auth/me", first.accessToken());
        assertEquals(401, refused.status());
        assertTrue(refused.header("WWW-Authenticate").contains("invalid_token"));
        assertTrue(refused.string("detail").contains("revoked"), refused.toString());
        assertEquals(200, api().get("/auth/me", second.accessToken()).status(), "the other session goes on");
    }

    @Test
    void logoutAllEndsEverySessionOfTheCaller() {
        String email = "logout-all-" + java.util.UUID.randomUUID() + "@platform.test";
        Api.Response first = api().register(email, "correct-horse-1");
        Api.Response second = api().login(email, "correct-horse-1");

        assertEquals(204, api().post("/auth/logout-all", null, first.accessToken()).status());

        assertEquals(401, api().get("/auth/me", first.accessToken()).status());
        assertEquals(401, api().get("/auth/me", second.accessToken()).status());
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", second.refreshToken())).status());
        Api.Response fresh = api().login(email, "correct-horse-1");
        assertEquals(200, api().get("/auth/me", fresh.accessToken()).status(), "a new login works");
    }

    @Test
    void logoutNeedsABearerToken() {
        Api.Response response = api().post("/auth/logout", null, null);

        assertEquals(401, response.status());
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }
}
