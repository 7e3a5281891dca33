package dev.authplatform.auth.mfa;

import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Totp;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code auth.mfa.required-for-roles: admin}: the admin role rides only on tokens of sessions that used a second factor. */
@MicronautTest(transactional = false)
class RoleRequiresMfaTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.mfa.required-for-roles", "admin");
    }

    @Test
    void anAdminWithoutASecondFactorIsAnAdminOnlyAfterUsingOne() throws Exception {
        Api.Response passwordOnly = api().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        assertEquals(200, passwordOnly.status());
        assertEquals(List.of("user"), SignedJWT.parse(passwordOnly.accessToken()).getJWTClaimsSet().getStringListClaim("roles"));
        assertEquals(403, api().get("/admin/users", passwordOnly.accessToken()).status(), "no admin role without a second factor");

        String secret = api().post("/auth/mfa/totp", null, passwordOnly.accessToken()).string("secret");
        long step = Totp.step(Instant.now());
        assertEquals(200, api().post("/auth/mfa/totp/confirm", json("code", Totp.code(secret, step)), passwordOnly.accessToken()).status());
        String mfaToken = api().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD).string("mfaToken");
        Api.Response withCode = api().post("/auth/login/mfa", json("mfaToken", mfaToken, "code", Totp.code(secret, step + 1)));

        assertEquals(200, withCode.status(), withCode.toString());
        assertEquals(List.of("user", "admin"), SignedJWT.parse(withCode.accessToken()).getJWTClaimsSet().getStringListClaim("roles"));
        assertEquals(200, api().get("/admin/users", withCode.accessToken()).status());
    }
}
