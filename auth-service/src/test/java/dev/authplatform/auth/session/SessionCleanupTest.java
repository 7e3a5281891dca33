package dev.authplatform.auth.session;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class SessionCleanupTest extends AuthServiceTest {

    @Inject
    SessionCleanup cleanup;

    @Inject
    SessionRepository sessions;

    @Test
    void endedSessionsAreDeletedAfterTheGraceAndLiveOnesStay() {
        Api.Response live = api().registerSomeone();
        Api.Response ended = api().registerSomeone();
        api().post("/auth/logout", null, ended.accessToken());
        UUID liveSession = UUID.fromString(Jwts.claim(live.accessToken(), "sid"));
        UUID endedSession = UUID.fromString(Jwts.claim(ended.accessToken(), "sid"));

        cleanup.deleteEndedBefore(Instant.now().plus(SessionCleanup.GRACE)); // as if a day had passed

        assertTrue(sessions.findById(endedSession).isEmpty());
        assertTrue(sessions.findById(liveSession).isPresent());
        assertEquals(401, api().post("/auth/refresh", json("refreshToken", ended.refreshToken())).status());
        assertEquals(200, api().post("/auth/refresh", json("refreshToken", live.refreshToken())).status());
    }
}
