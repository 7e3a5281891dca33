package dev.authplatform.auth.admin;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class AdminApiTest extends AuthServiceTest {

    private String admin;

    @BeforeAll
    void loginAdmin() {
        admin = loginAsAdmin().accessToken();
    }

    @Test
    void bootstrapAdminExistsWithTheAdminRole() {
        Api.Response me = api().get("/auth/me", admin);

        assertEquals(PlatformTestProperties.ADMIN_EMAIL, me.string("email"));
        assertEquals(List.of("user", "admin"), me.list("roles"));
    }

    @Test
    void usersAreListedOldestFirstInPages() {
        for (int i = 0; i < 3; i++) {
            api().registerSomeone();
        }

        Api.Response first = api().get("/admin/users?page=0&size=2", admin);
        Api.Response second = api().get("/admin/users?page=1&size=2", admin);

        assertEquals(200, first.status(), first.toString());
        assertEquals(2, first.list("content").size());
        assertEquals(0L, first.json().get("page"));
        assertEquals(2L, first.json().get("size"));
        long total = (Long) first.json().get("totalElements");
        assertTrue(total >= 4, "admin and three users: " + total);
        assertEquals(PlatformTestProperties.ADMIN_EMAIL, ((Map<?, ?>) first.list("content").getFirst()).get("email"));
        String lastOfFirst = (String) ((Map<?, ?>) first.list("content").get(1)).get("createdAt");
        String firstOfSecond = (String) ((Map<?, ?>) second.list("content").getFirst()).get("createdAt");
        assertTrue(lastOfFirst.compareTo(firstOfSecond) <= 0, lastOfFirst + " then " + firstOfSecond);
    }

    @Test
    void pageSizeMustBeBetweenOneAndOneHundred() {
        Api.Response zero = api().get("/admin/users?size=0", admin);
        Api.Response tooMany = api().get("/admin/users?size=101", admin);

        assertEquals(400, zero.status(), zero.toString());
        assertEquals("size", ((Map<?, ?>) zero.list("errors").getFirst()).get("field"));
        assertEquals(400, tooMany.status());
        assertEquals(200, api().get("/admin/users?size=100", admin).status());
    }

    @Test
    void oneUserCanBeReadAndUnknownIdsAreNotFound() {
        String id = api().registerSomeone().userId();

        assertEquals(id, api().get("/admin/users/" + id, admin).string("id"));
        assertEquals(404, api().get("/admin/users/" + UUID.randomUUID(), admin).status());
        assertEquals(400, api().get("/admin/users/not-a-uuid", admin).status());
    }

    @Test
    void rolesCanBeReplacedWithKnownRolesOnly() {
        Api.Response user = api().registerSomeone();

        Api.Response promoted = api().put("/admin/users/" + user.userId() + "/roles", json("roles", List.of("user", "admin")), admin);
        Api.Response unknownRole = api().put("/admin/users/" + user.userId() + "/roles", json("roles", List.of("root")), admin);

        assertEquals(200, promoted.status(), promoted.toString());
        assertEquals(List.of("user", "admin"), promoted.list("roles"));
        assertEquals(400, unknownRole.status());
        assertEquals("roles", ((Map<?, ?>) unknownRole.list("errors").getFirst()).get("field"));
        String newToken = api().login((String) user.object("user").get("email"), "correct-horse-1").accessToken();
        assertEquals(200, api().get("/admin/users", newToken).status(), "a new login carries the new role");
    }

    @Test
    void nonAdminsGetForbiddenWithInsufficientScopeAndAnonymousGetUnauthorized() {
        String user = api().registerSomeone().accessToken();

        Api.Response forbidden = api().get("/admin/users", user);
        Api.Response anonymous = api().get("/admin/users");

        assertEquals(403, forbidden.status());
        assertEquals("Bearer error=\"insufficient_scope\"", forbidden.header("WWW-Authenticate"));
        assertTrue(forbidden.header("Content-Type").startsWith("application/problem+json"));
        assertEquals(401, anonymous.status());
        assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
    }

    @Test
    void disableEndsSessionsAndRefusesLoginUntilEnabled() {
        Api.Response user = api().registerSomeone();
        String email = (String) user.object("user").get("email");

        Api.Response disabled = api().post("/admin/users/" + user.userId() + "/disable", null, admin);

        assertEquals(200, disabled.status());
        assertEquals(false, disabled.json().get("enabled"));
        assertEquals(401, api().get("/auth/me", user.accessToken()).status());
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", user.refreshToken())).status());
        assertEquals(401, api().login(email, "correct-horse-1").status());

        Api.Response enabled = api().post("/admin/users/" + user.userId() + "/enable", null, admin);

        assertEquals(200, enabled.status());
        assertEquals(true, enabled.json().get("enabled"));
        Api.Response again = api().login(email, "correct-horse-1");
        assertEquals(200, again.status());
        assertEquals(200, api().get("/auth/me", again.accessToken()).status(), "a login after enabling is valid");
    }

    @Test
    void revokeSessionsEndsEverySessionOfTheUser() {
        Api.Response user = api().registerSomeone();
        Api.Response other = api().login((String) user.object("user").get("email"), "correct-horse-1");

        assertEquals(204, api().post("/admin/users/" + user.userId() + "/revoke-sessions", null, admin).status());

        assertEquals(401, api().get("/auth/me", user.accessToken()).status());
        assertEquals(401, api().get("/auth/me", other.accessToken()).status());
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", other.refreshToken())).status());
    }
}
