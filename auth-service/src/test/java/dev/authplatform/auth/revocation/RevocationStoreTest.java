package dev.authplatform.auth.revocation;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.common.revocation.RevocationKeys;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import dev.authplatform.common.testing.Poll;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Redis holds every revocation with a TTL, and loses nothing when it loses its data. */
@MicronautTest(transactional = false)
class RevocationStoreTest extends AuthServiceTest {

    @Inject
    RedisLink redis;

    @Inject
    RedisRevocationView view;

    @Test
    void logoutWritesTheSessionToRedisWithATtlCoveringTheAccessTokens() {
        Api.Response user = api().registerSomeone();
        String sid = (String) Jwts.claims(user.accessToken()).get("sid");

        api().post("/auth/logout", null, user.accessToken());

        String key = view.keys().session(sid);
        assertNotNull(redis.await(c -> c.get(key)));
        long ttl = redis.await(c -> c.ttl(key));
        assertTrue(ttl > 900 && ttl <= 900 + 60 + 5, "ttl " + ttl);
    }

    @Test
    void redisThatLostItsDataIsReseededFromPostgresqlAndTheRevocationHolds() {
        Api.Response user = api().registerSomeone();
        api().post("/auth/logout", null, user.accessToken());
        RevocationKeys keys = view.keys();
        String generation = redis.await(c -> c.hget(keys.state(), RevocationKeys.GENERATION_FIELD));

        deleteNamespace(keys.namespace()); // what a Redis restart without persistence does

        Poll.until(Duration.ofSeconds(10), "a new generation marker", () -> {
            String now = redis.await(c -> c.hget(keys.state(), RevocationKeys.GENERATION_FIELD));
            return now != null && !now.equals(generation);
        });
        String sid = (String) Jwts.claims(user.accessToken()).get("sid");
        assertNotNull(redis.await(c -> c.get(keys.session(sid))), "the revocation was copied back from PostgreSQL");
        Poll.until(Duration.ofSeconds(10), "the view to be current again", () -> view.unavailableReason().isEmpty());
        assertEquals(401, api().get("/auth/me", user.accessToken()).status());
        assertNotEquals(generation, redis.await(c -> c.hget(keys.state(), RevocationKeys.GENERATION_FIELD)));
    }

    private void deleteNamespace(String namespace) {
        List<String> found = redis.await(c -> c.keys(namespace + ":*"));
        if (!found.isEmpty()) {
            redis.await(c -> c.del(found.toArray(String[]::new)));
        }
    }
}
