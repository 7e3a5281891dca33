package dev.authplatform.auth.oauth.token;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.ClientSessions;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * RFC 6749 section 6 at {@code /oauth2/token}: single use with reuse detection, bound to its client, scope narrowing
 * only. The sessions are started the way the authorization code grant starts them (SessionService.startFor).
 */
@MicronautTest(transactional = false)
class RefreshTokenGrantTest extends AuthServiceTest {

    @Inject
    SessionService sessions;

    @Inject
    UserRepository users;

    private OAuthClients clients;
    private URI tokenEndpoint;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        tokenEndpoint = clients.endpoint("/oauth2/token");
    }

    @Test
    void aRefreshTokenGivesANewPairOnceAndItsReuseEndsTheSession() {
        Registered client = webClient();
        String first = startSession(client, List.of("reports:read")).refresh().token();

        AccessTokenResponse rotated = refresh(client, first, null).toSuccessResponse();
        ErrorObject reused = refresh(client, first, null).toErrorResponse().getErrorObject();
        ErrorObject afterTheft = refresh(client, rotated.getTokens().getRefreshToken().getValue(), null).toErrorResponse().getErrorObject();

        assertNotEquals(first, rotated.getTokens().getRefreshToken().getValue());
        Map<String, Object> claims = Jwts.claims(rotated.getTokens().getAccessToken().getValue());
        assertEquals(client.id().getValue(), claims.get("client_id"));
        assertEquals("reports:read", claims.get("scope"));
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), reused.getCode());
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), afterTheft.getCode(), "reuse ended the whole session");
        assertEquals(401, api().get("/auth/me", rotated.getTokens().getAccessToken().getValue()).status());
    }

    @Test
    void anotherClientCannotUseTheRefreshToken() {
        Registered owner = webClient();
        Registered other = webClient();
        String refreshToken = startSession(owner, List.of()).refresh().token();

        ErrorObject error = refresh(other, refreshToken, null).toErrorResponse().getErrorObject();

        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), error.getCode());
        refresh(owner, refreshToken, null).toSuccessResponse(); // and the owner's session is untouched
    }

    @Test
    void aRefreshTokenOfTheJsonApiIsNotAClientsToUse() {
        Registered client = webClient();
        String jsonApiRefresh = api().registerSomeone().refreshToken();

        ErrorObject error = refresh(client, jsonApiRefresh, null).toErrorResponse().getErrorObject();

        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), error.getCode());
    }

    @Test
    void aClientsRefreshTokenIsRefusedAtTheJsonApi() {
        Registered client = webClient();
        String refreshToken = startSession(client, List.of()).refresh().token();

        Api.Response response = api().post("/auth/refresh", Api.json("refreshToken", refreshToken));

        assertEquals(401, response.status(), response.toString());
    }

    @Test
    void theScopeMayNarrowButNeverWiden() {
        Registered client = webClient();
        String refreshToken = startSession(client, List.of("reports:read", "reports:write")).refresh().token();

        ErrorObject wider = refresh(client, refreshToken, new Scope("reports:read", "admin")).toErrorResponse().getErrorObject();
        AccessTokenResponse narrower = refresh(client, refreshToken, new Scope("reports:read")).toSuccessResponse();

        assertEquals(OAuth2Error.INVALID_SCOPE.getCode(), wider.getCode());
        assertEquals("reports:read", Jwts.claims(narrower.getTokens().getAccessToken().getValue()).get("scope"));
    }

    private com.nimbusds.oauth2.sdk.TokenResponse refresh(Registered client, String refreshToken, Scope scope) {
        return OAuthClients.send(new TokenRequest(tokenEndpoint, new ClientSecretBasic(client.id(), client.secret()),
                new RefreshTokenGrant(new RefreshToken(refreshToken)), scope));
    }

    private SessionService.SessionTokens startSession(Registered client, List<String> scopes) {
        return ClientSessions.start(api(), users, sessions, client.id().getValue(), scopes);
    }

    private Registered webClient() {
        Api.Response created = clients.create(Map.of("type", "confidential", "grantTypes", List.of("authorization_code", "refresh_token"),
                "redirectUris", List.of("https://app.example/callback"), "scopes", List.of("reports:read", "reports:write")));
        return new Registered(new ClientID(created.string("clientId")), new Secret(created.string("clientSecret")));
    }

    private record Registered(ClientID id, Secret secret) {
    }
}
