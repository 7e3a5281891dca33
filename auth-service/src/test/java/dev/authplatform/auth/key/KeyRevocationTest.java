package dev.authplatform.auth.key;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.common.revocation.RevocationKeys;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Emergency revocation of a leaked key: {@code POST /admin/keys/{kid}/revoke}. Every token the key signed is refused at
 * once, the key leaves the JWKS, a new key signs, and sessions go on with it.
 */
@MicronautTest(transactional = false)
class KeyRevocationTest extends AuthServiceTest {

    @Inject
    RedisLink redis;

    @Inject
    RedisRevocationView view;

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Test
    void revokingTheCurrentSigningKeyRefusesItsTokensAtOnceAndANewKeySigns() {
        Api.Response user = api().registerSomeone();
        String leaked = kid(user.accessToken());
        String admin = loginAsAdmin().accessToken();
        assertEquals(leaked, kid(admin));

        Api.Response revoked = api().post("/admin/keys/" + leaked + "/revoke", null, admin);

        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("revoked", revoked.string("state"));
        assertEquals("access", revoked.string("use"));
        assertNotNull(revoked.string("revokedAt"));
        assertEquals(401, api().get("/auth/me", user.accessToken()).status(), "a token of the revoked key is refused at once");
        assertEquals(401, api().get("/admin/keys", admin).status(), "the admin's own token too: it was signed with that key");
        assertFalse(publishedKids().contains(leaked), "the key left the JWKS");

        Api.Response refreshed = api().post("/auth/refresh", Api.json("refreshToken", user.refreshToken()));
        assertEquals(200, refreshed.status(), "the session goes on: " + refreshed);
        String replacement = kid(refreshed.accessToken());
        assertNotEquals(leaked, replacement);
        assertTrue(publishedKids().contains(replacement));
        assertEquals(200, api().get("/auth/me", refreshed.accessToken()).status(), "tokens of the new key are accepted");

        String freshAdmin = loginAsAdmin().accessToken();
        assertEquals(replacement, kid(freshAdmin), "new sign-ins are signed with the new key");
        Map<String, Object> states = statesByKid(freshAdmin);
        assertEquals("revoked", states.get(leaked));
        assertEquals("current", states.get(replacement));
        Poll.until(Duration.ofSeconds(5), "the revocation to be audited", () ->
                api().get("/admin/audit?kind=key-revocation", freshAdmin).body().contains("kid=" + leaked));
        assertTrue(api().get("/metrics").body().matches("(?s).*authplatform_revocations_total\\{kind=\"key\"[^}]*} [1-9].*"),
                "counted");
    }

    @Test
    void revokingARetiredKeyKeepsTheCurrentOneAndItsTokens() {
        Api.Response before = api().registerSomeone();
        String retired = kid(before.accessToken());
        String admin = loginAsAdmin().accessToken();
        String current = api().post("/admin/keys/rotate", null, admin).string("kid");
        Api.Response after = api().registerSomeone();
        String freshAdmin = loginAsAdmin().accessToken();
        assertEquals(current, kid(after.accessToken()));

        assertEquals(200, api().post("/admin/keys/" + retired + "/revoke", null, freshAdmin).status());

        assertEquals(401, api().get("/auth/me", before.accessToken()).status(), "the retired key's token is refused");
        assertEquals(200, api().get("/auth/me", after.accessToken()).status(), "the current key's token is not");
        assertEquals(current, kid(api().registerSomeone().accessToken()), "no new key was needed");
        assertEquals("current", statesByKid(freshAdmin).get(current));
    }

    @Test
    void revokingTheRefreshTokenKeyRefusesEveryRefreshTokenItSignedButNotTheSessionsAccessTokens() {
        String email = "user-" + java.util.UUID.randomUUID() + "@platform.test";
        Api.Response user = api().register(email, "correct-horse-1");
        String leaked = kid(user.refreshToken());
        String admin = loginAsAdmin().accessToken();
        assertEquals("refresh", useOf(admin, leaked));

        Api.Response revoked = api().post("/admin/keys/" + leaked + "/revoke", null, admin);

        assertEquals(200, revoked.status(), revoked.toString());
        assertEquals("refresh", revoked.string("use"));
        Api.Response refused = api().post("/auth/refresh", Api.json("refreshToken", user.refreshToken()));
        assertEquals(401, refused.status(), refused.toString());
        assertTrue(refused.body().contains("revoked key"), refused.body());
        assertEquals(200, api().get("/auth/me", user.accessToken()).status(), "the session's access token is untouched");
        assertEquals(200, api().get("/auth/me", admin).status(), "access tokens are signed by another key");

        Api.Response signedInAgain = api().login(email, "correct-horse-1");
        assertNotEquals(leaked, kid(signedInAgain.refreshToken()), "a new sign-in gets a refresh token of a new key");
        assertEquals(200, api().post("/auth/refresh", Api.json("refreshToken", signedInAgain.refreshToken())).status());
        assertEquals("revoked", statesByKid(admin).get(leaked));
    }

    @Test
    void aRefreshTokenKeyRevokedByAnotherInstanceIsRefusedBeforeThisOneHearsOfIt() throws Exception {
        Api.Response user = api().registerSomeone();
        String leaked = kid(user.refreshToken());
        // what another instance's revocation leaves while its announcement is still on the way to this one
        try (var connection = DriverManager.getConnection(databaseUrl, TestInfrastructure.get().username(), TestInfrastructure.get().password());
             var revoke = connection.prepareStatement("UPDATE refresh_token_keys SET revoked_at = now() WHERE kid = ?")) {
            revoke.setString(1, leaked);
            assertEquals(1, revoke.executeUpdate());
        }
        assertFalse(view.isKeyRevoked(leaked), "this instance has not heard of it");

        Api.Response refused = api().post("/auth/refresh", Api.json("refreshToken", user.refreshToken()));

        assertEquals(401, refused.status(), refused.toString());
        assertTrue(refused.body().contains("revoked key"), refused.body());
        assertEquals(200, api().get("/auth/me", user.accessToken()).status(), "the session was not ended for it");
    }

    @Test
    void aRevokedKeyIsAnnouncedAgainWhenRedisLostItsData() {
        Api.Response before = api().registerSomeone();
        String admin = loginAsAdmin().accessToken();
        String current = api().post("/admin/keys/rotate", null, admin).string("kid");
        String leaked = kid(before.accessToken());
        assertNotEquals(current, leaked);
        assertEquals(200, api().post("/admin/keys/" + leaked + "/revoke", null, loginAsAdmin().accessToken()).status());
        RevocationKeys keys = view.keys();
        assertNotNull(redis.await(c -> c.get(keys.key(leaked))), "stored under its own key");
        long ttl = redis.await(c -> c.ttl(keys.key(leaked)));
        assertTrue(ttl > Duration.ofHours(23).toSeconds(), "refused for as long as a verifier may hold the key: ttl " + ttl);

        List<String> all = redis.await(c -> c.keys(keys.namespace() + ":*"));
        redis.await(c -> c.del(all.toArray(String[]::new))); // what a Redis restart without persistence does

        Poll.until(Duration.ofSeconds(10), "the revoked key to be seeded again",
                () -> redis.await(c -> c.get(keys.key(leaked))) != null);
        Poll.until(Duration.ofSeconds(10), "the view to be current again", () -> view.unavailableReason().isEmpty());
        assertEquals(401, api().get("/auth/me", before.accessToken()).status());
    }

    @Test
    void onlyAdminsRevokeKeysAndAnUnknownKidIsNotFound() {
        Api.Response user = api().registerSomeone();
        String kid = kid(user.accessToken());

        assertEquals(403, api().post("/admin/keys/" + kid + "/revoke", null, user.accessToken()).status());
        assertEquals(403, api().get("/admin/keys", user.accessToken()).status());
        assertEquals(401, api().post("/admin/keys/" + kid + "/revoke", null, null).status());
        assertEquals(200, api().get("/auth/me", user.accessToken()).status(), "nothing was revoked");

        Api.Response unknown = api().post("/admin/keys/no-such-key/revoke", null, loginAsAdmin().accessToken());
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.header("Content-Type"));
    }

    private static String kid(String token) {
        return (String) Jwts.header(token).get("kid");
    }

    private List<String> publishedKids() {
        return ((List<?>) api().get("/.well-known/jwks.json").json().get("keys")).stream()
                .map(k -> (String) ((Map<?, ?>) k).get("kid")).toList();
    }

    private Map<String, Object> statesByKid(String admin) {
        return keyList(admin).stream().collect(java.util.stream.Collectors.toMap(k -> (String) k.get("kid"), k -> k.get("state")));
    }

    private String useOf(String admin, String kid) {
        return keyList(admin).stream().filter(k -> kid.equals(k.get("kid"))).map(k -> (String) k.get("use")).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> keyList(String admin) {
        Api.Response listed = api().get("/admin/keys", admin);
        assertEquals(200, listed.status(), listed.toString());
        return (List<Map<String, Object>>) (List<?>) listed.list("keys");
    }
}
