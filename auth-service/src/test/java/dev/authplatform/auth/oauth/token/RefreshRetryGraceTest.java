package dev.authplatform.auth.oauth.token;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code auth.tokens.refresh-reuse-grace}: a client whose refresh answer was lost presents the old token again and
 * gets the current pair, instead of having its session ended; a token older than that is still theft.
 */
@MicronautTest(transactional = false)
class RefreshRetryGraceTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.tokens.refresh-reuse-grace", "30s");
    }

    @Test
    void theTokenJustRotatedAwayGetsTheCurrentPairAgainWithinTheGrace() {
        Api.Response registered = api().registerSomeone();
        Api.Response first = api().post("/auth/refresh", Api.json("refreshToken", registered.refreshToken()));

        Api.Response retried = api().post("/auth/refresh", Api.json("refreshToken", registered.refreshToken()));

        assertEquals(200, retried.status(), retried.toString());
        assertEquals(Jwts.claims(first.refreshToken()).get("jti"), Jwts.claims(retried.refreshToken()).get("jti"),
                "the same refresh token (by its id): there is still one valid refresh token in the session");
        assertEquals(200, api().post("/auth/refresh", Api.json("refreshToken", retried.refreshToken())).status());
    }

    @Test
    void aTokenRetiredTwoRotationsAgoIsStillTheft() {
        Api.Response registered = api().registerSomeone();
        Api.Response second = api().post("/auth/refresh", Api.json("refreshToken", registered.refreshToken()));
        Api.Response third = api().post("/auth/refresh", Api.json("refreshToken", second.refreshToken()));

        Api.Response stale = api().post("/auth/refresh", Api.json("refreshToken", registered.refreshToken()));

        assertEquals(401, stale.status(), stale.toString());
        assertEquals(401, api().get("/auth/me", third.accessToken()).status(), "the session was ended");
    }
}
