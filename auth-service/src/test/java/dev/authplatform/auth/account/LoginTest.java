package dev.authplatform.auth.account;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.auth.password.PasswordHasher;
import dev.authplatform.auth.password.PasswordSettings;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LoginTest extends AuthServiceTest {

    @Inject
    UserRepository users;

    @Test
    void loginWithTheRightPasswordGivesATokenPair() {
        String email = RegistrationTest.unique();
        api().register(email, "correct-horse-1");

        Api.Response response = api().login(email, "correct-horse-1");

        assertEquals(200, response.status(), response.toString());
        assertNotNull(response.accessToken());
        assertNotNull(response.refreshToken());
        assertEquals(email, response.object("user").get("email"));
    }

    @Test
    void loginIgnoresTheCaseAndSurroundingSpacesOfTheAddress() {
        String email = RegistrationTest.unique();
        api().register(email, "correct-horse-1");

        assertEquals(200, api().login("  " + email.toUpperCase() + " ", "correct-horse-1").status());
    }

    @Test
    void unknownAddressWrongPasswordAndDisabledAccountGetTheSameAnswer() {
        String email = RegistrationTest.unique();
        api().register(email, "correct-horse-1");
        String disabled = RegistrationTest.unique();
        String disabledId = api().register(disabled, "correct-horse-1").userId();
        String admin = loginAsAdmin().accessToken();
        assertEquals(200, api().post("/admin/users/" + disabledId + "/disable", null, admin).status());

        Api.Response unknown = api().login(RegistrationTest.unique(), "correct-horse-1");
        Api.Response wrongPassword = api().login(email, "wrong-horse-1");
        Api.Response disabledAccount = api().login(disabled, "correct-horse-1");

        assertEquals(401, unknown.status());
        assertEquals(unknown.toString(), wrongPassword.toString());
        assertEquals(unknown.toString(), disabledAccount.toString());
        assertEquals(unknown.header("WWW-Authenticate"), wrongPassword.header("WWW-Authenticate"));
    }

    @Test
    void passwordsThatDifferOnlyAfterByte72AreDifferentPasswords() {
        // bcrypt silently ignores bytes past 72; Argon2id must not
        String email = RegistrationTest.unique();
        String prefix = "p".repeat(72);
        api().register(email, prefix + "-first-ending");

        assertEquals(401, api().login(email, prefix + "-other-ending").status());
        assertEquals(200, api().login(email, prefix + "-first-ending").status());
    }

    @Test
    void aHashMadeWithWeakerParametersIsUpgradedAtTheNextLogin() {
        String email = RegistrationTest.unique();
        String id = api().register(email, "correct-horse-1").userId();
        PasswordHasher weaker = new PasswordHasher(new PasswordSettings(8192, 1, 1, 1, 4, 10), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        users.updatePasswordHash(UUID.fromString(id), weaker.hash("correct-horse-1"));

        assertEquals(200, api().login(email, "correct-horse-1").status());

        String upgraded = users.findById(UUID.fromString(id)).orElseThrow().passwordHash();
        assertTrue(upgraded.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), upgraded);
        assertEquals(200, api().login(email, "correct-horse-1").status());
    }

    @Test
    void loginValidatesItsBody() {
        Api.Response response = api().post("/auth/login", json("password", "x"));

        assertEquals(400, response.status(), response.toString());
        assertEquals("email", ((java.util.Map<?, ?>) response.list("errors").getFirst()).get("field"));
    }
}
