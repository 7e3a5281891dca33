package dev.authplatform.auth.oauth.revoke;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.ClientSessions;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** RFC 7009 at {@code POST /oauth2/revoke}: 200 whatever the token, and what it names is refused everywhere. */
@MicronautTest(transactional = false)
class RevocationEndpointTest extends AuthServiceTest {

    @Inject
    SessionService sessions;

    @Inject
    UserRepository users;

    private OAuthClients clients;
    private URI revocationEndpoint;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        revocationEndpoint = clients.endpoint("/oauth2/revoke");
    }

    @Test
    void aRevokedServiceTokenIsRefusedAndOthersOfTheClientAreNot() throws IOException {
        Api.Response client = clients.service(List.of(), List.of());
        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(client.string("clientId")), new Secret(client.string("clientSecret")));
        String revoked = serviceToken(auth);
        String kept = serviceToken(auth);

        HTTPResponse response = new TokenRevocationRequest(revocationEndpoint, auth, new BearerAccessToken(revoked)).toHTTPRequest().send();

        assertEquals(200, response.getStatusCode());
        assertEquals("no-store", response.getHeaderValue("Cache-Control"));
        assertEquals(401, api().get("/auth/me", revoked).status(), "auth-service's own verifier refuses it at once");
        assertEquals(403, api().get("/auth/me", kept).status(), "the other token is still valid (a service has no 'me')");
    }

    @Test
    void aRevokedRefreshTokenEndsItsSession() throws IOException {
        Api.Response client = clients.create(Map.of("type", "confidential", "grantTypes", List.of("authorization_code", "refresh_token"),
                "redirectUris", List.of("https://app.example/cb")));
        ClientSecretBasic auth = new ClientSecretBasic(new ClientID(client.string("clientId")), new Secret(client.string("clientSecret")));
        SessionService.SessionTokens session = startSession(client.string("clientId"));

        HTTPResponse response = new TokenRevocationRequest(revocationEndpoint, auth, new RefreshToken(session.refresh().token()))
                .toHTTPRequest().send();

        assertEquals(200, response.getStatusCode());
        assertEquals(401, api().get("/auth/me", session.access().token()).status(), "access tokens of the session go too");
    }

    @Test
    void anotherClientsTokenIsAnsweredAlikeAndNotRevoked() throws IOException {
        Api.Response owner = clients.service(List.of(), List.of());
        Api.Response other = clients.service(List.of(), List.of());
        String token = serviceToken(new ClientSecretBasic(new ClientID(owner.string("clientId")), new Secret(owner.string("clientSecret"))));

        HTTPResponse response = new TokenRevocationRequest(revocationEndpoint, new ClientSecretBasic(new ClientID(other.string("clientId")),
                new Secret(other.string("clientSecret"))), new BearerAccessToken(token)).toHTTPRequest().send();
        HTTPResponse garbage = new TokenRevocationRequest(revocationEndpoint, new ClientSecretBasic(new ClientID(other.string("clientId")),
                new Secret(other.string("clientSecret"))), new BearerAccessToken("not-a-token")).toHTTPRequest().send();

        assertEquals(200, response.getStatusCode());
        assertEquals(200, garbage.getStatusCode());
        assertEquals(403, api().get("/auth/me", token).status(), "still valid");
    }

    @Test
    void anUnauthenticatedRevocationIsInvalidClient() throws IOException {
        Api.Response client = clients.service(List.of(), List.of());
        HTTPResponse response = new TokenRevocationRequest(revocationEndpoint, new ClientSecretBasic(new ClientID(client.string("clientId")),
                new Secret("wrong-secret")), new BearerAccessToken("x")).toHTTPRequest().send();

        assertEquals(401, response.getStatusCode());
    }

    private String serviceToken(ClientSecretBasic auth) {
        return OAuthClients.send(new TokenRequest(clients.endpoint("/oauth2/token"), auth, new ClientCredentialsGrant(), null))
                .toSuccessResponse().getTokens().getAccessToken().getValue();
    }

    private SessionService.SessionTokens startSession(String clientId) {
        return ClientSessions.start(api(), users, sessions, clientId, List.of());
    }
}
