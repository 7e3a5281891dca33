package dev.authplatform.auth.oauth.client;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API for clients: registration rules, the secret shown once, and the client's life. */
@MicronautTest(transactional = false)
class ClientAdminApiTest extends AuthServiceTest {

    private String admin;
    private OAuthClients clients;

    @BeforeAll
    void setUp() {
        admin = loginAsAdmin().accessToken();
        clients = new OAuthClients(api(), admin);
    }

    @Test
    void aConfidentialClientsSecretIsShownOnceAndNeverAgain() {
        Api.Response created = clients.service(List.of("reports:read"), List.of("reporter"));
        String id = created.string("clientId");

        Api.Response fetched = api().get("/admin/clients/" + id, admin);
        List<Map<String, Object>> listed = api().get("/admin/clients", admin).array();

        assertEquals(201, created.status());
        assertTrue(created.string("clientSecret").length() >= 43, "256 random bits");
        assertEquals("no-store", created.header("Cache-Control"));
        assertNull(fetched.string("clientSecret"));
        assertFalse(fetched.body().contains(created.string("clientSecret")));
        assertEquals(List.of("client_secret_basic", "client_secret_post"), fetched.list("tokenEndpointAuthMethods"));
        assertTrue(listed.stream().anyMatch(c -> id.equals(c.get("clientId")) && !c.containsKey("clientSecret")));
    }

    @Test
    void anIdIsGeneratedWhenNoneIsGiven() {
        Api.Response created = api().post("/admin/clients", json("name", "No id", "type", "confidential",
                "grantTypes", List.of("client_credentials")), admin);

        assertEquals(201, created.status(), created.toString());
        assertTrue(created.string("clientId").startsWith("client-"));
    }

    @Test
    void everyBrokenRuleIsOneFieldError() {
        Api.Response response = api().post("/admin/clients", json("clientId", "platform", "name", "", "type", "public",
                "grantTypes", List.of("client_credentials", "refresh_token"), "redirectUris", List.of("http://evil.example/cb#frag")), admin);

        assertEquals(400, response.status(), response.toString());
        assertEquals("application/problem+json", response.header("Content-Type"));
        List<Object> fields = response.list("errors").stream().map(e -> ((Map<?, ?>) e).get("field")).map(Object.class::cast).toList();
        assertTrue(fields.contains("name"), fields.toString());
    }

    @Test
    void crossFieldRulesAreFieldErrorsToo() {
        Api.Response response = api().post("/admin/clients", json("clientId", "platform", "name", "Bad", "type", "public",
                "grantTypes", List.of("client_credentials", "refresh_token"), "redirectUris", List.of("http://evil.example/cb#frag"),
                "roles", List.of("admin")), admin);

        assertEquals(400, response.status(), response.toString());
        List<Object> fields = response.list("errors").stream().map(e -> ((Map<?, ?>) e).get("field")).map(Object.class::cast).toList();
        assertEquals(List.of("clientId", "grantTypes", "redirectUris", "roles"), fields, "one entry per field");
    }

    @Test
    void aKeySetWithAPrivateKeyIsRefused() throws Exception {
        var key = new RSAKeyGenerator(2048).generate();
        Api.Response response = api().post("/admin/clients", json("name", "Keys", "type", "confidential",
                "grantTypes", List.of("client_credentials"), "jwks", Map.of("keys", List.of(key.toJSONObject()))), admin);

        assertEquals(400, response.status(), response.toString());
        assertTrue(response.body().contains("jwks"));
    }

    @Test
    void aTakenIdIsAConflict() {
        String id = "taken-" + UUID.randomUUID().toString().substring(0, 8);
        clients.create(Map.of("clientId", id, "type", "confidential", "grantTypes", List.of("client_credentials")));

        Api.Response again = api().post("/admin/clients", json("clientId", id, "name", "Again", "type", "confidential",
                "grantTypes", List.of("client_credentials")), admin);

        assertEquals(409, again.status(), again.toString());
    }

    @Test
    void rotatingGivesANewSecretOnce() {
        Api.Response created = clients.service(List.of(), List.of());

        Api.Response rotated = api().post("/admin/clients/" + created.string("clientId") + "/secret", null, admin);

        assertEquals(200, rotated.status(), rotated.toString());
        assertNotNull(rotated.string("clientSecret"));
        assertNotEquals(created.string("clientSecret"), rotated.string("clientSecret"));
    }

    @Test
    void updateDisableEnableAndDelete() {
        Api.Response created = clients.service(List.of("a"), List.of());
        String path = "/admin/clients/" + created.string("clientId");

        Api.Response updated = api().put(path, json("name", "Renamed", "type", "confidential", "grantTypes", List.of("client_credentials"),
                "scopes", List.of("a", "b")), admin);
        Api.Response disabled = api().post(path + "/disable", null, admin);
        Api.Response enabled = api().post(path + "/enable", null, admin);
        Api.Response deleted = api().send("DELETE", path, null, null, admin);

        assertEquals("Renamed", updated.string("name"));
        assertEquals(List.of("a", "b"), updated.list("scopes"));
        assertNull(updated.string("clientSecret"), "it keeps its secret");
        assertEquals(false, disabled.json().get("enabled"));
        assertEquals(true, enabled.json().get("enabled"));
        assertEquals(204, deleted.status());
        assertEquals(404, api().get(path, admin).status());
        assertEquals(409, api().post("/admin/clients", json("clientId", created.string("clientId"), "name", "Reuse", "type", "confidential",
                "grantTypes", List.of("client_credentials")), admin).status(), "a deleted id is not reused while its tokens may live");
    }

    @Test
    void onlyAdminsManageClients() {
        String user = api().registerSomeone().accessToken();

        assertEquals(403, api().get("/admin/clients", user).status());
        assertEquals(401, api().get("/admin/clients").status());
    }
}
