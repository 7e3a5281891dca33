package dev.authplatform.auth.mfa;

import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Totp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code PUT /admin/mfa-policy}: an admin requires a second factor for the admin role, without locking themselves out. */
@MicronautTest(transactional = false)
class MfaPolicyApiTest extends AuthServiceTest {

    @Test
    void anAdminRequiresASecondFactorForAdminsOnlyAfterUsingOne() throws Exception {
        Api.Response passwordOnly = loginAsAdmin();
        assertEquals(List.of(), api().get("/admin/mfa-policy", passwordOnly.accessToken()).list("requiredForRoles"));
        assertEquals(409, api().put("/admin/mfa-policy", json("requiredForRoles", List.of("admin")), passwordOnly.accessToken()).status(),
                "it would take the admin role from the very session asking");
        assertEquals(400, api().put("/admin/mfa-policy", json("requiredForRoles", List.of("root")), passwordOnly.accessToken()).status());

        // a second admin, who has no second factor
        String otherEmail = "admin-" + UUID.randomUUID() + "@platform.test";
        String otherId = api().register(otherEmail, "correct-horse-1").userId();
        assertEquals(200, api().put("/admin/users/" + otherId + "/roles", json("roles", List.of("user", "admin")), passwordOnly.accessToken()).status());

        String secret = api().post("/auth/mfa/totp", null, passwordOnly.accessToken()).string("secret");
        long step = Totp.step(Instant.now());
        assertEquals(200, api().post("/auth/mfa/totp/confirm", json("code", Totp.code(secret, step)), passwordOnly.accessToken()).status());
        String mfaToken = api().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD).string("mfaToken");
        String withCode = api().post("/auth/login/mfa", json("mfaToken", mfaToken, "code", Totp.code(secret, step + 1))).accessToken();

        Api.Response required = api().put("/admin/mfa-policy", json("requiredForRoles", List.of("admin")), withCode);

        assertEquals(200, required.status(), required.toString());
        assertEquals(List.of("admin"), required.list("requiredForRoles"));
        assertEquals(List.of(), required.list("fromConfiguration"));
        Api.Response other = api().login(otherEmail, "correct-horse-1");
        assertEquals(List.of("user"), SignedJWT.parse(other.accessToken()).getJWTClaimsSet().getStringListClaim("roles"));
        assertEquals(403, api().get("/admin/users", other.accessToken()).status(), "no second factor: no admin role");
        assertEquals(200, api().get("/admin/users", withCode).status());

        assertEquals(200, api().put("/admin/mfa-policy", json("requiredForRoles", List.of()), withCode).status());
        assertEquals(200, api().get("/admin/users", api().login(otherEmail, "correct-horse-1").accessToken()).status(), "lifted");
    }
}
