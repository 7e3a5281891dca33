package dev.authplatform.auth.key;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Jwts;
import dev.authplatform.common.testing.Poll;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A retired key leaves the JWKS once every token it signed has expired (here: lifetimes of seconds). */
@MicronautTest(transactional = false)
class KeyRetirementTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.tokens.access-ttl", "3s", "auth.tokens.refresh-ttl", "4s", "auth.clock-skew", "0s");
    }

    @Test
    void retiredKeyStaysPublishedForTheLongestTokenLifeThenLeaves() {
        String oldKid = (String) Jwts.header(api().registerSomeone().accessToken()).get("kid");

        assertEquals(200, api().post("/admin/keys/rotate", null, loginAsAdmin().accessToken()).status());

        assertTrue(kids().contains(oldKid), "published right after the rotation");
        Poll.until(Duration.ofSeconds(15), "the retired key to leave the JWKS", () -> !kids().contains(oldKid));
        assertEquals(1, kids().size());
    }

    private List<String> kids() {
        return api().get("/.well-known/jwks.json").list("keys").stream().map(k -> (String) ((Map<?, ?>) k).get("kid")).toList();
    }
}
