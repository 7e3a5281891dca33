package dev.authplatform.auth.oauth.introspect;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 7662 at {@code POST /oauth2/introspect}: active tokens described, anything else {@code {"active": false}}. */
@MicronautTest(transactional = false)
class IntrospectionEndpointTest extends AuthServiceTest {

    private OAuthClients clients;
    private URI endpoint;
    private ClientSecretBasic resourceServer;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        endpoint = clients.endpoint("/oauth2/introspect");
        Api.Response client = clients.service(List.of(), List.of());
        resourceServer = new ClientSecretBasic(new ClientID(client.string("clientId")), new Secret(client.string("clientSecret")));
    }

    @Test
    void anActiveServiceTokenIsDescribed() throws Exception {
        Api.Response client = clients.service(List.of("reports:read"), List.of("reporter"));
        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(client.string("clientId")), new Secret(client.string("clientSecret")));
        String token = OAuthClients.send(new TokenRequest(clients.endpoint("/oauth2/token"), auth, new ClientCredentialsGrant(), null))
                .toSuccessResponse().getTokens().getAccessToken().getValue();

        TokenIntrospectionSuccessResponse answer = introspect(token);

        assertTrue(answer.isActive());
        assertEquals(client.string("clientId"), answer.getClientID().getValue());
        assertEquals(client.string("clientId"), answer.getSubject().getValue());
        assertEquals(new Scope("reports:read"), answer.getScope());
        assertTrue(answer.getExpirationTime().getTime() > System.currentTimeMillis());
    }

    @Test
    void aUsersTokenIsActiveUntilLogoutThenNot() throws Exception {
        Api.Response user = api().registerSomeone();

        TokenIntrospectionSuccessResponse before = introspect(user.accessToken());
        api().post("/auth/logout", null, user.accessToken());
        TokenIntrospectionSuccessResponse after = introspect(user.accessToken());

        assertTrue(before.isActive());
        assertEquals(user.userId(), before.getSubject().getValue());
        assertFalse(after.isActive());
        assertEquals("{\"active\":false}", after.toJSONObject().toString().replace(" ", ""));
    }

    @Test
    void garbageAndRevokedServiceTokensAreInactive() throws Exception {
        Api.Response client = clients.service(List.of(), List.of());
        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(client.string("clientId")), new Secret(client.string("clientSecret")));
        String token = OAuthClients.send(new TokenRequest(clients.endpoint("/oauth2/token"), auth, new ClientCredentialsGrant(), null))
                .toSuccessResponse().getTokens().getAccessToken().getValue();
        new TokenRevocationRequest(clients.endpoint("/oauth2/revoke"), auth, new BearerAccessToken(token)).toHTTPRequest().send();

        assertFalse(introspect(token).isActive());
        assertFalse(introspect("garbage").isActive());
        assertFalse(introspect(api().registerSomeone().refreshToken()).isActive(), "another party's refresh token is not described");
    }

    @Test
    void onlyAnAuthenticatedClientMayIntrospect() throws Exception {
        var response = new TokenIntrospectionRequest(endpoint, new ClientSecretBasic(resourceServer.getClientID(), new Secret("wrong-one")),
                new TypelessAccessToken("anything")).toHTTPRequest().send();
        var anonymous = api().send("POST", "/oauth2/introspect", "application/x-www-form-urlencoded", "token=anything", null);

        assertEquals(401, response.getStatusCode());
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals("invalid_client", anonymous.string("error"));
    }

    private TokenIntrospectionSuccessResponse introspect(String token) throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(
                new TokenIntrospectionRequest(endpoint, resourceServer, new TypelessAccessToken(token)).toHTTPRequest().send());
        return response.toSuccessResponse();
    }
}
