package dev.authplatform.auth.account;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code PATCH /auth/me}: a user changes their own name; bad names change nothing; the change is audited. */
@MicronautTest(transactional = false)
class ProfileTest extends AuthServiceTest {

    @Test
    void aUserChangesTheirNameAndTheChangeIsAudited() {
        Api.Response user = api().registerSomeone();

        Api.Response changed = api().send("PATCH", "/auth/me", "application/json", json("name", "  Ada Lovelace "), user.accessToken());

        assertEquals(200, changed.status(), changed.toString());
        assertEquals("Ada Lovelace", changed.string("name"));
        assertEquals("Ada Lovelace", api().get("/auth/me", user.accessToken()).string("name"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) api().get("/admin/audit?kind=profile-change&user=" + user.userId(),
                loginAsAdmin().accessToken()).json().get("content");
        assertEquals(1, events.size());
        assertEquals(user.userId(), events.getFirst().get("actor"));
    }

    @Test
    void aBlankOrTooLongNameOrNoTokenChangesNothing() {
        Api.Response user = api().registerSomeone();
        String before = api().get("/auth/me", user.accessToken()).string("name");

        Api.Response blank = api().send("PATCH", "/auth/me", "application/json", json("name", "   "), user.accessToken());
        Api.Response tooLong = api().send("PATCH", "/auth/me", "application/json", json("name", "x".repeat(101)), user.accessToken());
        Api.Response anonymous = api().send("PATCH", "/auth/me", "application/json", json("name", "Someone"), null);

        assertEquals(400, blank.status(), blank.toString());
        assertEquals("name", ((Map<?, ?>) blank.list("errors").getFirst()).get("field"));
        assertEquals(400, tooLong.status());
        assertEquals(401, anonymous.status());
        assertEquals(before, api().get("/auth/me", user.accessToken()).string("name"));
    }
}
