package dev.authplatform.auth.account;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Simultaneously;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class RegistrationTest extends AuthServiceTest {

    @Inject
    UserRepository users;

    @Test
    void registrationAnswersCreatedWithATokenPairAndTheUser() {
        String email = unique();
        Api.Response response = api().post("/auth/register", json("email", email, "password", "correct-horse-1", "name", "Ada"));

        assertEquals(201, response.status(), response.toString());
        Map<String, Object> body = response.json();
        assertEquals("Bearer", body.get("tokenType"));
        assertNotNull(body.get("accessToken"));
        assertNotNull(body.get("refreshToken"));
        assertEquals(900L, body.get("expiresIn"));
        assertEquals(604800L, body.get("refreshExpiresIn"));
        Map<String, Object> user = response.object("user");
        assertEquals(email, user.get("email"));
        assertEquals("Ada", user.get("name"));
        assertEquals(List.of("user"), user.get("roles"));
        assertEquals(true, user.get("enabled"));
        assertNotNull(UUID.fromString((String) user.get("id")));
        assertNotNull(user.get("createdAt"));
        assertFalse(response.body().toLowerCase().contains("argon"), "no password material in the response");
    }

    @Test
    void emailAndNameAreTrimmed() {
        String email = unique();
        Api.Response response = api().post("/auth/register", json("email", "  " + email + "  ", "password", "correct-horse-1", "name", "  Ada  "));

        assertEquals(201, response.status(), response.toString());
        assertEquals(email, response.object("user").get("email"));
        assertEquals("Ada", response.object("user").get("name"));
    }

    @Test
    void sameAddressInAnotherCaseIsAConflict() {
        String email = unique();
        api().register(email, "correct-horse-1");

        Api.Response second = api().post("/auth/register", json("email", email.toUpperCase(), "password", "correct-horse-2", "name", "B"));

        assertEquals(409, second.status(), second.toString());
        assertTrue(second.header("Content-Type").startsWith("application/problem+json"));
    }

    @Test
    void simultaneousRegistrationsOfOneAddressGiveOneCreatedAndOneConflict() {
        String email = unique();
        int attempts = 6;

        List<Integer> statuses = Simultaneously.statuses(attempts, i -> api().post("/auth/register",
                json("email", i % 2 == 0 ? email : email.toUpperCase(), "password", "correct-horse-1", "name", "Racer")));

        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(attempts - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertTrue(users.findByEmailNormalized(UserRow.normalize(email)).isPresent());
    }

    @Test
    void everyInvalidFieldGetsItsOwnErrorEntryAndNothingIsCreated() {
        Api.Response response = api().post("/auth/register", json("email", "not-an-address", "password", "short", "name", "   "));

        assertEquals(400, response.status(), response.toString());
        List<Object> errors = response.list("errors");
        assertEquals(3, errors.size(), response.toString());
        assertEquals(List.of("email", "name", "password"), errors.stream().map(e -> ((Map<?, ?>) e).get("field")).sorted().toList());
        assertTrue(users.findByEmailNormalized("not-an-address").isEmpty());
    }

    @Test
    void missingFieldsAreValidationErrors() {
        Api.Response response = api().post("/auth/register", "{}");

        assertEquals(400, response.status(), response.toString());
        assertEquals(3, response.list("errors").size(), response.toString());
    }

    @Test
    void passwordLengthBoundsAreEightAndOneHundredTwentyEight() {
        assertEquals(400, api().post("/auth/register", json("email", unique(), "password", "a".repeat(7), "name", "N")).status());
        assertEquals(201, api().post("/auth/register", json("email", unique(), "password", "a".repeat(8), "name", "N")).status());
        assertEquals(201, api().post("/auth/register", json("email", unique(), "password", "a".repeat(128), "name", "N")).status());
        Api.Response tooLong = api().post("/auth/register", json("email", unique(), "password", "a".repeat(129), "name", "N"));
        assertEquals(400, tooLong.status());
        assertEquals("password", ((Map<?, ?>) tooLong.list("errors").getFirst()).get("field"));
    }

    @Test
    void emailLongerThan254CharactersIsRefused() {
        String local = "a".repeat(64);
        String email = local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".test";
        Api.Response response = api().post("/auth/register", json("email", email, "password", "correct-horse-1", "name", "N"));

        assertEquals(400, response.status(), response.toString());
        assertEquals("email", ((Map<?, ?>) response.list("errors").getFirst()).get("field"));
    }

    @Test
    void nameLongerThanOneHundredCharactersIsRefused() {
        Api.Response response = api().post("/auth/register", json("email", unique(), "password", "correct-horse-1", "name", "n".repeat(101)));

        assertEquals(400, response.status(), response.toString());
        assertEquals("name", ((Map<?, ?>) response.list("errors").getFirst()).get("field"));
    }

    @Test
    void storedHashIsArgon2idWithItsParameters() {
        String email = unique();
        api().register(email, "correct-horse-1");

        String hash = users.findByEmailNormalized(UserRow.normalize(email)).orElseThrow().passwordHash();

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
    }

    static String unique() {
        return "user-" + UUID.randomUUID() + "@platform.test";
    }
}
