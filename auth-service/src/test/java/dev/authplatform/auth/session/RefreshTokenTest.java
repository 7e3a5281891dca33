package dev.authplatform.auth.session;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Simultaneously;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RefreshTokenTest extends AuthServiceTest {

    @Test
    void refreshReturnsANewPairForTheSameSession() {
        Api.Response registered = api().registerSomeone();

        Api.Response refreshed = api().post("/auth/refresh", json("refreshToken", registered.refreshToken()));

        assertEquals(200, refreshed.status(), refreshed.toString());
        assertNotEquals(registered.refreshToken(), refreshed.refreshToken());
        assertNotEquals(registered.accessToken(), refreshed.accessToken());
        assertEquals(sid(registered.accessToken()), sid(refreshed.accessToken()));
        assertEquals(200, api().get("/auth/me", refreshed.accessToken()).status());
    }

    @Test
    void refreshTokenCanBeUsedOnlyOnce() {
        Api.Response registered = api().registerSomeone();
        assertEquals(200, api().post("/auth/refresh", json("refreshToken", registered.refreshToken())).status());

        Api.Response again = api().post("/auth/refresh", json("refreshToken", registered.refreshToken()));

        assertEquals(401, again.status(), again.toString());
        assertTrue(again.header("Content-Type").startsWith("application/problem+json"));
    }

    @Test
    void reuseOfARetiredRefreshTokenRevokesTheWholeSession() {
        Api.Response registered = api().registerSomeone();
        Api.Response rotated = api().post("/auth/refresh", json("refreshToken", registered.refreshToken()));
        assertEquals(200, rotated.status());

        api().post("/auth/refresh", json("refreshToken", registered.refreshToken())); // the thief, or the victim, replays

        assertEquals(401, api().get("/auth/me", rotated.accessToken()).status(), "the session's access tokens are refused");
        assertEquals(401, api().get("/auth/me", registered.accessToken()).status());
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", rotated.refreshToken())).status(),
                "the session's newest refresh token is refused too");
    }

    @Test
    void ofSimultaneousRefreshesWithOneTokenExactlyOneSucceeds() {
        Api.Response registered = api().registerSomeone();
        int attempts = 8;

        List<Integer> statuses = Simultaneously.statuses(attempts,
                i -> api().post("/auth/refresh", json("refreshToken", registered.refreshToken())));

        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(attempts - 1, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
    }

    @Test
    void forgedOrMalformedRefreshTokensAreRefused() {
        Api.Response registered = api().registerSomeone();
        String token = registered.refreshToken();
        String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);

        assertEquals(401, api().post("/auth/refresh", json("refreshToken", tampered)).status());
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", "not-a-token")).status());
        assertEquals(400, api().post("/auth/refresh", json("refreshToken", "")).status());
    }

    @Test
    void refreshAfterLogoutIsRefused() {
        Api.Response registered = api().registerSomeone();
        assertEquals(204, api().post("/auth/logout", null, registered.accessToken()).status());

        assertEquals(401, api().post("/auth/refresh", json("refreshToken", registered.refreshToken())).status());
    }

    static String sid(String accessToken) {
        return (String) Jwts.claims(accessToken).get("sid");
    }
}
