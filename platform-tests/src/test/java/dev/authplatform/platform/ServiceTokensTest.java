package dev.authplatform.platform;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service-to-service calls across the two hosts: a client found through discovery gets a token with client
 * credentials (Nimbus SDK), calls resource-service's scoped route, and is cut off everywhere at once when it is
 * disabled, rotated away, deleted or has a token revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceTokensTest {

    private static final Duration ANNOUNCEMENT = Duration.ofMillis(500);

    private Platform platform;
    private Api auth;
    private Api resource;
    private String admin;
    private AuthorizationServerMetadata metadata;

    @BeforeAll
    void start() throws ParseException {
        platform = new Platform().start();
        auth = platform.authApi();
        resource = platform.resourceApi();
        admin = platform.adminToken();
        metadata = AuthorizationServerMetadata.parse(auth.get("/.well-known/oauth-authorization-server").body());
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void aServiceTokenWithTheScopeReadsReportsAndOneWithoutGets403() {
        Service reporter = register(List.of("reports:read", "billing:read"));

        Api.Response allowed = resource.get("/api/reports", reporter.token(new Scope("reports:read")));
        Api.Response forbidden = resource.get("/api/reports", reporter.token(new Scope("billing:read")));

        assertEquals(200, allowed.status(), allowed.toString());
        assertEquals(reporter.id().getValue(), allowed.string("caller"));
        assertEquals(403, forbidden.status(), forbidden.toString());
        assertEquals("Bearer error=\"insufficient_scope\", scope=\"reports:read\"", forbidden.header("WWW-Authenticate"));
    }

    @Test
    void aUsersTokenThatCarriesTheScopeReadsReports() {
        // The shape /oauth2/token gives a user's session bound to a client (RefreshTokenGrantTest checks it there):
        // a user subject and session, plus client_id and scope. Minted here until browser sign-in issues them.
        TokenForge forge = new TokenForge(platform);
        String userToken = forge.signed("at+jwt", forge.validClaims()
                .claim("client_id", "web-app").claim("scope", "openid reports:read").build());

        Api.Response response = resource.get("/api/reports", userToken);

        assertEquals(200, response.status(), response.toString());
    }

    @Test
    void aUsersTokenWithoutTheScopeGets403() {
        Api.Response user = auth.registerSomeone();

        Api.Response response = resource.get("/api/reports", user.accessToken());

        assertEquals(403, response.status(), response.toString());
        assertTrue(response.header("WWW-Authenticate").contains("insufficient_scope"));
    }

    @Test
    void disablingAClientRefusesItsTokensAtEveryVerifierAtOnce() {
        Service service = register(List.of("reports:read"));
        String token = service.token(null);
        assertEquals(200, resource.get("/api/reports", token).status());

        assertEquals(200, auth.post("/admin/clients/" + service.id() + "/disable", null, admin).status());

        Poll.until(ANNOUNCEMENT, "resource-service to refuse the disabled client's token",
                () -> resource.get("/api/reports", token).status() == 401);
        assertEquals(401, auth.get("/auth/me", token).status(), "auth-service refuses it on the very next request");
        assertTrue(service.tokenResponse(null).toErrorResponse().getErrorObject().getCode().equals("invalid_client"));

        assertEquals(200, auth.post("/admin/clients/" + service.id() + "/enable", null, admin).status());
        assertEquals(200, resource.get("/api/reports", service.token(null)).status(), "enabled again, it gets new tokens");
        assertEquals(401, resource.get("/api/reports", token).status(), "but its old tokens stay refused");
    }

    @Test
    void rotatingTheSecretAfterALeakRefusesTokensIssuedBefore() {
        Service service = register(List.of("reports:read"));
        String leaked = service.token(null);

        Api.Response rotated = auth.post("/admin/clients/" + service.id() + "/secret", null, admin);
        Service renewed = new Service(service.id(), new Secret(rotated.string("clientSecret")));

        Poll.until(ANNOUNCEMENT, "resource-service to refuse the token issued before the rotation",
                () -> resource.get("/api/reports", leaked).status() == 401);
        assertEquals("invalid_client", service.tokenResponse(null).toErrorResponse().getErrorObject().getCode(), "the old secret is dead");
        assertEquals(200, resource.get("/api/reports", renewed.token(null)).status(), "a token with the new secret works at once");
    }

    @Test
    void deletingAClientRefusesItsTokensEverywhere() {
        Service service = register(List.of("reports:read"));
        String token = service.token(null);

        assertEquals(204, auth.send("DELETE", "/admin/clients/" + service.id(), null, null, admin).status());

        Poll.until(ANNOUNCEMENT, "resource-service to refuse the deleted client's token",
                () -> resource.get("/api/reports", token).status() == 401);
    }

    @Test
    void aTokenRevokedThroughRfc7009IsRefusedByResourceService() throws IOException {
        Service service = register(List.of("reports:read"));
        String token = service.token(null);

        assertEquals(200, new TokenRevocationRequest(metadata.getRevocationEndpointURI(), service.auth(), new BearerAccessToken(token))
                .toHTTPRequest().send().getStatusCode());

        Poll.until(ANNOUNCEMENT, "resource-service to refuse the revoked token",
                () -> resource.get("/api/reports", token).status() == 401);
        assertEquals(200, resource.get("/api/reports", service.token(null)).status(), "the client's other tokens are untouched");
    }

    private Service register(List<String> scopes) {
        Api.Response created = auth.post("/admin/clients", json("clientId", "svc-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Reporting job", "type", "confidential", "grantTypes", List.of("client_credentials"), "scopes", scopes), admin);
        assertEquals(201, created.status(), created.toString());
        return new Service(new ClientID(created.string("clientId")), new Secret(created.string("clientSecret")));
    }

    /** A registered service, getting its tokens from the token endpoint named in discovery. */
    private final class Service {
        private final ClientID id;
        private final Secret secret;

        Service(ClientID id, Secret secret) {
            this.id = id;
            this.secret = secret;
        }

        ClientID id() {
            return id;
        }

        ClientSecretBasic auth() {
            return new ClientSecretBasic(id, secret);
        }

        TokenResponse tokenResponse(Scope scope) {
            try {
                return TokenResponse.parse(new TokenRequest(metadata.getTokenEndpointURI(), auth(), new ClientCredentialsGrant(), scope)
                        .toHTTPRequest().send());
            } catch (IOException | ParseException e) {
                throw new AssertionError(e);
            }
        }

        String token(Scope scope) {
            return tokenResponse(scope).toSuccessResponse().getTokens().getAccessToken().getValue();
        }

        @Override
        public String toString() {
            return id.getValue();
        }
    }
}
