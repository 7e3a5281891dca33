package dev.authplatform.auth.oauth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.jose.JOSEException;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 6749 section 4.4 at {@code POST /oauth2/token}, driven through the Nimbus OAuth SDK as a client would. */
@MicronautTest(transactional = false)
class ClientCredentialsGrantTest extends AuthServiceTest {

    private OAuthClients clients;
    private URI tokenEndpoint;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        tokenEndpoint = clients.endpoint("/oauth2/token");
    }

    @Test
    void serviceGetsATokenForItselfWithItsRolesAndTheScopesItAskedFor() {
        Api.Response client = clients.service(List.of("reports:read", "reports:write"), List.of("reporter"));
        ClientID id = new ClientID(client.string("clientId"));

        AccessTokenResponse tokens = OAuthClients.send(new TokenRequest(tokenEndpoint,
                new ClientSecretBasic(id, new Secret(client.string("clientSecret"))), new ClientCredentialsGrant(), new Scope("reports:read")))
                .toSuccessResponse();

        Map<String, Object> claims = Jwts.claims(tokens.getTokens().getAccessToken().getValue());
        assertEquals(id.getValue(), claims.get("sub"));
        assertEquals(id.getValue(), claims.get("client_id"));
        assertEquals("reports:read", claims.get("scope"));
        assertEquals(List.of("reporter"), claims.get("roles"));
        assertNull(claims.get("email"));
        assertNull(claims.get("sid"));
        assertEquals("platform", claims.get("aud"));
        assertEquals("reports:read", tokens.getTokens().getAccessToken().getScope().toString());
        assertTrue(tokens.getTokens().getAccessToken().getLifetime() > 0);
        assertNull(tokens.getTokens().getRefreshToken(), "no refresh token for client credentials (RFC 6749 section 4.4.3)");
    }

    @Test
    void withoutAScopeTheServiceGetsAllItsScopes() {
        Api.Response client = clients.service(List.of("a:read", "b:read"), List.of());

        AccessTokenResponse tokens = OAuthClients.send(new TokenRequest(tokenEndpoint, new ClientSecretPost(
                new ClientID(client.string("clientId")), new Secret(client.string("clientSecret"))), new ClientCredentialsGrant(), null))
                .toSuccessResponse();

        assertEquals("a:read b:read", Jwts.claims(tokens.getTokens().getAccessToken().getValue()).get("scope"));
    }

    @Test
    void tokenAnswersAreNeverCached() {
        Api.Response client = clients.service(List.of("reports:read"), List.of());

        HTTPResponse response = OAuthClients.raw(new TokenRequest(tokenEndpoint, new ClientSecretBasic(
                new ClientID(client.string("clientId")), new Secret(client.string("clientSecret"))), new ClientCredentialsGrant(), null));

        assertEquals(200, response.getStatusCode());
        assertEquals("no-store", response.getHeaderValue("Cache-Control"));
        assertEquals("no-cache", response.getHeaderValue("Pragma"));
    }

    @Test
    void aScopeTheClientMayNotHaveIsInvalidScope() {
        Api.Response client = clients.service(List.of("reports:read"), List.of());

        ErrorObject error = OAuthClients.error(new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID(client.string("clientId")),
                new Secret(client.string("clientSecret"))), new ClientCredentialsGrant(), new Scope("reports:read", "admin:all"))).getErrorObject();

        assertEquals(OAuth2Error.INVALID_SCOPE.getCode(), error.getCode());
        assertEquals(400, error.getHTTPStatusCode());
    }

    @Test
    void aWrongSecretIsABareInvalidClientWithABasicChallenge() {
        Api.Response client = clients.service(List.of("reports:read"), List.of());

        HTTPResponse response = OAuthClients.raw(new TokenRequest(tokenEndpoint, new ClientSecretBasic(
                new ClientID(client.string("clientId")), new Secret("not-the-secret")), new ClientCredentialsGrant(), null));

        assertEquals(401, response.getStatusCode());
        assertTrue(response.getHeaderValue("WWW-Authenticate").startsWith("Basic"), response.getHeaderValue("WWW-Authenticate"));
        assertTrue(response.getBody().contains("\"invalid_client\""), response.getBody());
        assertEquals("no-store", response.getHeaderValue("Cache-Control"));
    }

    @Test
    void anUnknownClientGetsTheSameAnswerAsAWrongSecret() {
        ErrorObject unknown = OAuthClients.error(new TokenRequest(tokenEndpoint, new ClientSecretPost(new ClientID("no-such-client"),
                new Secret("whatever-secret")), new ClientCredentialsGrant(), null)).getErrorObject();
        Api.Response client = clients.service(List.of(), List.of());
        ErrorObject wrong = OAuthClients.error(new TokenRequest(tokenEndpoint, new ClientSecretPost(new ClientID(client.string("clientId")),
                new Secret("whatever-secret")), new ClientCredentialsGrant(), null)).getErrorObject();

        assertEquals(wrong.getCode(), unknown.getCode());
        assertEquals(wrong.getDescription(), unknown.getDescription());
        assertEquals(401, unknown.getHTTPStatusCode());
    }

    @Test
    void aClientNotRegisteredForTheGrantIsUnauthorizedClient() {
        Api.Response client = clients.create(Map.of("type", "confidential", "grantTypes", List.of("authorization_code"),
                "redirectUris", List.of("https://app.example/callback")));

        ErrorObject error = OAuthClients.error(new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID(client.string("clientId")),
                new Secret(client.string("clientSecret"))), new ClientCredentialsGrant(), null)).getErrorObject();

        assertEquals(OAuth2Error.UNAUTHORIZED_CLIENT.getCode(), error.getCode());
    }

    @Test
    void aDisabledClientCannotAuthenticate() {
        Api.Response client = clients.service(List.of(), List.of());
        assertEquals(200, clients.admin("POST", "/admin/clients/" + client.string("clientId") + "/disable").status());

        ErrorObject error = OAuthClients.error(new TokenRequest(tokenEndpoint, new ClientSecretBasic(new ClientID(client.string("clientId")),
                new Secret(client.string("clientSecret"))), new ClientCredentialsGrant(), null)).getErrorObject();

        assertEquals(OAuth2Error.INVALID_CLIENT.getCode(), error.getCode());
    }

    @Test
    void privateKeyJwtAuthenticatesWithTheRegisteredKeyOnce() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").algorithm(JWSAlgorithm.RS256).generate();
        Api.Response client = clients.create(Map.of("type", "confidential", "grantTypes", List.of("client_credentials"),
                "scopes", List.of("reports:read"), "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
        assertNull(client.string("clientSecret"), "a client with keys gets no secret");
        ClientID id = new ClientID(client.string("clientId"));
        PrivateKeyJWT assertion = new PrivateKeyJWT(id, tokenEndpoint, JWSAlgorithm.RS256, key.toRSAPrivateKey(), "k1", null);

        AccessTokenResponse first = OAuthClients.send(new TokenRequest(tokenEndpoint, assertion, new ClientCredentialsGrant(), null))
                .toSuccessResponse();
        ErrorObject replayed = OAuthClients.error(new TokenRequest(tokenEndpoint, assertion, new ClientCredentialsGrant(), null)).getErrorObject();

        assertEquals(id.getValue(), Jwts.claims(first.getTokens().getAccessToken().getValue()).get("sub"));
        assertEquals(OAuth2Error.INVALID_CLIENT.getCode(), replayed.getCode(), "a jti is used once (RFC 7523 section 3)");
    }

    @Test
    void anAssertionSignedByAnotherKeyOrForAnotherAudienceOrLongLivedOrExpiredIsRefused() throws JOSEException {
        RSAKey registered = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        Api.Response client = clients.create(Map.of("type", "confidential", "grantTypes", List.of("client_credentials"),
                "jwks", Map.of("keys", List.of(registered.toPublicJWK().toJSONObject()))));
        ClientID id = new ClientID(client.string("clientId"));

        PrivateKeyJWT wrongKey = new PrivateKeyJWT(id, tokenEndpoint, JWSAlgorithm.RS256, other.toRSAPrivateKey(), "k1", null);
        PrivateKeyJWT wrongAudience = new PrivateKeyJWT(id, URI.create("https://elsewhere.example/token"), JWSAlgorithm.RS256,
                registered.toRSAPrivateKey(), "k1", null);
        PrivateKeyJWT longLived = new PrivateKeyJWT(new com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet(id,
                new com.nimbusds.oauth2.sdk.id.Audience(tokenEndpoint.toString()).toSingleAudienceList(),
                new Date(System.currentTimeMillis() + 3_600_000L), null, new Date(), new com.nimbusds.oauth2.sdk.id.JWTID()),
                JWSAlgorithm.RS256, registered.toRSAPrivateKey(), "k1", null, null, null);

        PrivateKeyJWT expired = new PrivateKeyJWT(new com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet(id,
                new com.nimbusds.oauth2.sdk.id.Audience(tokenEndpoint.toString()).toSingleAudienceList(),
                new Date(System.currentTimeMillis() - 300_000L), null, new Date(System.currentTimeMillis() - 360_000L),
                new com.nimbusds.oauth2.sdk.id.JWTID()), JWSAlgorithm.RS256, registered.toRSAPrivateKey(), "k1", null, null, null);

        for (PrivateKeyJWT assertion : List.of(wrongKey, wrongAudience, longLived, expired)) {
            ErrorObject error = OAuthClients.error(new TokenRequest(tokenEndpoint, assertion, new ClientCredentialsGrant(), null)).getErrorObject();
            assertEquals(OAuth2Error.INVALID_CLIENT.getCode(), error.getCode());
        }
    }

    @Test
    void aJsonBodyIsInvalidRequestNotATokenAndNotProblemJson() {
        Api.Response response = api().post("/oauth2/token", Api.json("grant_type", "client_credentials"));

        assertEquals(400, response.status(), response.toString());
        assertEquals("invalid_request", response.string("error"));
        assertTrue(response.header("Content-Type").startsWith("application/json"), response.header("Content-Type"));
    }

    @Test
    void aDuplicatedParameterIsInvalidRequest() {
        Api.Response client = clients.service(List.of(), List.of());

        Api.Response response = form("grant_type=client_credentials&grant_type=client_credentials&client_id=" + client.string("clientId")
                + "&client_secret=" + client.string("clientSecret"));

        assertEquals(400, response.status(), response.toString());
        assertEquals("invalid_request", response.string("error"));
    }

    @Test
    void thePasswordGrantAndUnknownGrantsAreUnsupported() {
        Api.Response client = clients.service(List.of(), List.of());
        String credentials = "&client_id=" + client.string("clientId") + "&client_secret=" + client.string("clientSecret");

        Api.Response password = form("grant_type=password&username=a%40b.example&password=secret-secret" + credentials);
        Api.Response unknown = form("grant_type=urn%3Aexample%3Amagic" + credentials);

        assertEquals("unsupported_grant_type", password.string("error"), password.toString());
        assertEquals("unsupported_grant_type", unknown.string("error"), unknown.toString());
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        Api.Response response = form("scope=reports%3Aread");

        assertEquals(400, response.status(), response.toString());
        assertFalse(response.body().contains("access_token"));
        assertNotNull(response.string("error"));
    }

    @Test
    void repeatedFailedAuthenticationsAreThrottled() {
        Api.Response client = clients.service(List.of(), List.of());
        String wrong = "grant_type=client_credentials&client_id=" + client.string("clientId") + "&client_secret=wrong-wrong-wrong";

        Api.Response last = null;
        for (int i = 0; i < 12 && (last == null || last.status() != 429); i++) {
            last = form(wrong);
        }
        Api.Response right = form("grant_type=client_credentials&client_id=" + client.string("clientId")
                + "&client_secret=" + client.string("clientSecret"));

        assertEquals(429, last.status(), last.toString());
        assertNotNull(last.header("Retry-After"));
        assertEquals(429, right.status(), "while it waits, even the right secret is refused: " + right);
    }

    @Test
    void aSuccessClearsTheFailuresBeforeIt() {
        Api.Response client = clients.service(List.of(), List.of());
        String wrong = "grant_type=client_credentials&client_id=" + client.string("clientId") + "&client_secret=wrong-wrong-wrong";
        String right = "grant_type=client_credentials&client_id=" + client.string("clientId") + "&client_secret=" + client.string("clientSecret");

        for (int i = 0; i < 9; i++) {
            assertEquals(401, form(wrong).status());
        }
        assertEquals(200, form(right).status());
        for (int i = 0; i < 9; i++) {
            assertEquals(401, form(wrong).status(), "failures count again from none after the success (the limit is 10)");
        }
    }

    private Api.Response form(String body) {
        return api().send("POST", "/oauth2/token", "application/x-www-form-urlencoded", body, null);
    }

}
