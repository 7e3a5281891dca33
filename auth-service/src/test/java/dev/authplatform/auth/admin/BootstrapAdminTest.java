package dev.authplatform.auth.admin;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The configured first admin is created if missing, and an existing account is never overwritten. */
@MicronautTest(transactional = false)
class BootstrapAdminTest extends AuthServiceTest {

    @Inject
    BootstrapAdmin bootstrap;

    @Test
    void anExistingAdminAccountIsLeftAsItIsAtTheNextStart() {
        Api.Response admin = loginAsAdmin();
        assertEquals(List.of("user", "admin"), admin.object("user").get("roles"));
        assertEquals(204, api().put("/auth/me/password",
                json("currentPassword", PlatformTestProperties.ADMIN_PASSWORD, "newPassword", "rotated-admin-password"), admin.accessToken()).status());

        bootstrap.onApplicationEvent(null); // what the next start does

        assertEquals(401, api().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD).status());
        assertEquals(200, api().login(PlatformTestProperties.ADMIN_EMAIL, "rotated-admin-password").status());
        assertEquals(1L, api().get("/admin/users", admin.accessToken()).json().get("totalElements"));
    }
}
