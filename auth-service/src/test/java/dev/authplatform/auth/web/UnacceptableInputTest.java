package dev.authplatform.auth.web;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text no input may hold (a NUL, which PostgreSQL cannot store, another control character, a lone surrogate, bytes
 * that are not UTF-8) is refused at the boundary with a 4xx in the endpoint family's own format: never a 500, and
 * never a 503 that blames the database for a bad request. The requests of issue 31, one by one.
 */
@MicronautTest(transactional = false)
class UnacceptableInputTest extends AuthServiceTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void aNulInALoginEmailIsAValidationProblemNamingTheField() {
        Api.Response response = api().post("/auth/login", "{\"email\":\"a\\u0000b@example.com\",\"password\":\"x\"}");

        assertEquals(400, response.status(), response.toString());
        assertEquals(List.of(Map.of("field", "email", "message", "must not contain control characters, lone surrogates or bytes that are not UTF-8")),
                response.list("errors"));
    }

    @Test
    void aNulInARegisteredNameIsRefusedAndNoAccountIsCreated() {
        String email = "nul-name-" + System.nanoTime() + "@example.com";
        Api.Response response = api().post("/auth/register", json("email", email, "password", "a-fine-password", "name", "a\u0000b"));

        assertEquals(400, response.status(), response.toString());
        assertEquals("name", ((Map<?, ?>) response.list("errors").getFirst()).get("field"));
        assertEquals(401, api().login(email, "a-fine-password").status(), "no account was created");
    }

    @Test
    void aLoneSurrogateOrAControlCharacterDeepInAJsonBodyIsRefusedUnderItsTopLevelProperty() {
        String admin = loginAsAdmin().accessToken();
        Api.Response surrogate = api().post("/admin/clients", "{\"name\":\"app\",\"type\":\"confidential\","
                + "\"grantTypes\":[\"client_credentials\"],\"scopes\":[\"ok\",\"a\\ud800\"]}", admin);
        Api.Response control = api().put("/admin/mfa-policy", "{\"requiredForRoles\":[\"admin\\u001b[31m\"]}", admin);

        assertEquals(400, surrogate.status(), surrogate.toString());
        assertEquals("scopes", ((Map<?, ?>) surrogate.list("errors").getFirst()).get("field"));
        assertEquals(400, control.status(), control.toString());
        assertEquals("requiredForRoles", ((Map<?, ?>) control.list("errors").getFirst()).get("field"));
    }

    @Test
    void aNulInAPathVariableOrAQueryParameterIsAValidationProblem() {
        String admin = loginAsAdmin().accessToken();
        Api.Response path = api().get("/admin/clients/%00x", admin);
        Api.Response query = api().get("/admin/audit?user=%00", admin);
        Api.Response notUtf8 = api().get("/admin/audit?user=%C0%80", admin); // an overlong NUL

        assertEquals(400, path.status(), path.toString());
        assertEquals("clientId", ((Map<?, ?>) path.list("errors").getFirst()).get("field"));
        assertEquals(400, query.status(), query.toString());
        assertEquals("user", ((Map<?, ?>) query.list("errors").getFirst()).get("field"));
        assertEquals(400, notUtf8.status(), notUtf8.toString());
    }

    @Test
    void aNulInTheClientIdOfAnAuthorizationRequestShowsTheErrorPage() {
        Api.Response response = api().get("/oauth2/authorize?client_id=%00x&response_type=code");

        assertEquals(400, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("text/html"), response.header("Content-Type"));
        assertTrue(response.body().contains("client_id"), response.body());
        assertNull(response.header("Location"), "never sent anywhere");
    }

    @Test
    void aNulInTheClientIdOfATokenRequestIsInvalidClientNotUnavailability() {
        Api.Response response = api().send("POST", "/oauth2/token", FORM,
                "grant_type=client_credentials&client_id=%00x&client_secret=y", null);

        assertEquals(401, response.status(), response.toString());
        assertEquals("invalid_client", response.string("error"));
        assertNull(response.header("Retry-After"));
    }

    @Test
    void aNulInHttpBasicCredentialsIsInvalidClient() {
        String basic = Base64.getEncoder().encodeToString("a\u0000b:secret".getBytes(StandardCharsets.UTF_8));
        Api.Response response = api().send("POST", "/oauth2/token", FORM, "grant_type=client_credentials", null,
                Map.of("Authorization", "Basic " + basic));

        assertEquals(401, response.status(), response.toString());
        assertEquals("invalid_client", response.string("error"));
    }

    @Test
    void aGrantTypeWithALineBreakIsUnsupportedGrantType() {
        Api.Response response = api().send("POST", "/oauth2/token", FORM, "grant_type=a%0Ab", null);

        assertEquals(400, response.status(), response.toString());
        assertEquals("unsupported_grant_type", response.string("error"));
    }

    @Test
    void aGrantTypeInQuotesIsUnsupportedGrantTypeWithADescriptionInTheAllowedCharacters() {
        Api.Response response = api().send("POST", "/oauth2/token", FORM, "grant_type=%22x%22", null);

        assertEquals(400, response.status(), response.toString());
        assertEquals("unsupported_grant_type", response.string("error"));
        // RFC 6749 section 5.2: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E )
        assertTrue(response.string("error_description").matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]+"), response.string("error_description"));
    }

    @Test
    void aFormWithABrokenPercentEscapeIsTheHostedErrorPageOnASignInForm() {
        Api.Response response = api().send("POST", "/oauth2/signin", FORM, "csrf=%zz", null);

        assertEquals(400, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("text/html"), response.header("Content-Type"));
    }

    @Test
    void aBrokenPercentEscapeInATokenRequestIsInvalidRequest() {
        Api.Response response = api().send("POST", "/oauth2/token", FORM, "grant_type=client_credentials&scope=%", null);

        assertEquals(400, response.status(), response.toString());
        assertEquals("invalid_request", response.string("error"));
    }

    @Test
    void ordinaryTextStillPasses() {
        String email = "plain-" + System.nanoTime() + "@example.com";
        Api.Response registered = api().post("/auth/register", json("email", email, "password", "a-fine-password",
                "name", "Zoë \uD83D\uDE00 O'Brien"));

        assertEquals(201, registered.status(), registered.toString());
        assertEquals("Zoë \uD83D\uDE00 O'Brien", registered.object("user").get("name"));
    }
}
