package dev.authplatform.auth.verification;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** With {@code auth.email-verification.required-for-sign-in}: no tokens until the address is proved. */
@MicronautTest(transactional = false)
class RequiredEmailVerificationTest extends AuthServiceTest {

    private final Inbox inbox = Inbox.started();

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(inbox.properties());
        properties.put("auth.email-verification.required-for-sign-in", "true");
        return properties;
    }

    @AfterAll
    void stopInbox() {
        inbox.close();
    }

    @Test
    void anUnverifiedAccountGetsNoTokensUntilItFollowsTheLink() {
        String email = Inbox.newAddress();
        Api.Response registered = api().post("/auth/register", json("email", email, "password", "correct-horse-1", "name", "New User"));
        assertEquals(202, registered.status(), registered.toString());
        assertNull(registered.json().get("accessToken"));
        assertEquals(true, registered.json().get("emailVerificationRequired"));
        assertEquals(email, registered.object("user").get("email"));

        Api.Response refused = api().login(email, "correct-horse-1");
        assertEquals(403, refused.status());
        assertEquals("urn:authplatform:problem:email-not-verified", refused.string("type"));
        assertEquals(401, api().login(email, "wrong-horse-1").status(), "a wrong password still says only that");

        assertEquals(200, api().post("/auth/email/verify", json("token", inbox.awaitMessage(email).token())).status());
        Api.Response signedIn = api().login(email, "correct-horse-1");
        assertEquals(200, signedIn.status());
        assertEquals(true, signedIn.object("user").get("emailVerified"));
    }
}
