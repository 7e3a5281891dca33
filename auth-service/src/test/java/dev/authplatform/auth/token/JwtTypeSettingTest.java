package dev.authplatform.auth.token;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code auth.tokens.access-token-type: JWT}, for Spring resource servers with default settings. */
@MicronautTest(transactional = false)
class JwtTypeSettingTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.tokens.access-token-type", "JWT");
    }

    @Test
    void accessTokensCarryTheConfiguredTypeAndVerify() {
        Api.Response registered = api().registerSomeone();

        assertEquals("JWT", Jwts.header(registered.accessToken()).get("typ"));
        assertEquals("refresh+jwt", Jwts.header(registered.refreshToken()).get("typ"));
        assertEquals(200, api().get("/auth/me", registered.accessToken()).status());
        assertEquals(401, api().get("/auth/me", registered.refreshToken()).status());
    }
}
