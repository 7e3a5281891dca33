package dev.authplatform.auth.key;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class KeyRotationTest extends AuthServiceTest {

    @Test
    void rotationMakesANewSigningKeyAndKeepsTheOldOnePublished() {
        String admin = loginAsAdmin().accessToken();
        Api.Response before = api().registerSomeone();
        String oldKid = kid(before.accessToken());

        Api.Response rotated = api().post("/admin/keys/rotate", null, admin);

        assertEquals(200, rotated.status(), rotated.toString());
        String newKid = rotated.string("kid");
        assertNotEquals(oldKid, newKid);
        assertEquals("RS256", rotated.string("alg"));
        assertNotNull(rotated.string("createdAt"));
        List<String> published = kids();
        assertTrue(published.contains(oldKid), "old key still published: " + published);
        assertTrue(published.contains(newKid), "new key published: " + published);
        assertEquals(newKid, kid(api().registerSomeone().accessToken()), "new tokens are signed with the new key");
        assertEquals(200, api().get("/auth/me", before.accessToken()).status(), "old access tokens stay valid");
        assertEquals(200, api().post("/auth/refresh", Api.json("refreshToken", before.refreshToken())).status(),
                "old refresh tokens stay valid");
    }

    @Test
    void keysSurviveInTheDatabaseAcrossRotationsAndOnlyAdminsRotate() {
        Api.Response user = api().registerSomeone();

        Api.Response refused = api().post("/admin/keys/rotate", null, user.accessToken());

        assertEquals(403, refused.status());
        assertTrue(refused.header("WWW-Authenticate").contains("insufficient_scope"));
        assertEquals(401, api().post("/admin/keys/rotate", null, null).status());
    }

    static String kid(String token) {
        return (String) Jwts.header(token).get("kid");
    }

    private List<String> kids() {
        return ((List<?>) api().get("/.well-known/jwks.json").json().get("keys")).stream()
                .map(k -> (String) ((Map<?, ?>) k).get("kid")).toList();
    }
}
