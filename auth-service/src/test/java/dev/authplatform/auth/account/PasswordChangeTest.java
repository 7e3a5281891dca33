package dev.authplatform.auth.account;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest(transactional = false)
class PasswordChangeTest extends AuthServiceTest {

    @Test
    void meAnswersTheCallersAccount() {
        Api.Response registered = api().registerSomeone();

        Api.Response me = api().get("/auth/me", registered.accessToken());

        assertEquals(200, me.status());
        assertEquals(registered.userId(), me.string("id"));
        assertEquals(null, me.json().get("passwordHash"));
    }

    @Test
    void passwordChangeKeepsThisSessionAndEndsEveryOther() {
        String email = RegistrationTest.unique();
        Api.Response current = api().register(email, "correct-horse-1");
        Api.Response other = api().login(email, "correct-horse-1");

        Api.Response changed = api().put("/auth/me/password",
                json("currentPassword", "correct-horse-1", "newPassword", "battery-staple-2"), current.accessToken());

        assertEquals(204, changed.status(), changed.toString());
        assertEquals(200, api().get("/auth/me", current.accessToken()).status(), "the session that changed it goes on");
        assertEquals(401, api().get("/auth/me", other.accessToken()).status(), "every other session ends");
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", other.refreshToken())).status());
        assertEquals(401, api().login(email, "correct-horse-1").status());
        assertEquals(200, api().login(email, "battery-staple-2").status());
    }

    @Test
    void wrongCurrentPasswordChangesNothing() {
        String email = RegistrationTest.unique();
        Api.Response current = api().register(email, "correct-horse-1");

        Api.Response refused = api().put("/auth/me/password",
                json("currentPassword", "wrong-horse-1", "newPassword", "battery-staple-2"), current.accessToken());

        assertEquals(403, refused.status(), refused.toString());
        assertEquals(200, api().login(email, "correct-horse-1").status());
    }

    @Test
    void newPasswordFollowsTheLengthRule() {
        Api.Response current = api().registerSomeone();

        Api.Response refused = api().put("/auth/me/password",
                json("currentPassword", "correct-horse-1", "newPassword", "short"), current.accessToken());

        assertEquals(400, refused.status());
        assertEquals("newPassword", ((java.util.Map<?, ?>) refused.list("errors").getFirst()).get("field"));
    }
}
