package dev.authplatform.auth.oauth.signin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.authplatform.common.testing.HtmlForms;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.CodeFlow;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OpenID Connect on top of the code flow: the ID token, userinfo, and RP-initiated logout. */
@MicronautTest(transactional = false)
class OpenIdConnectTest extends AuthServiceTest {

    private OAuthClients clients;
    private CodeFlow flow;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        flow = new CodeFlow(api(), clients);
    }

    @Test
    void anIdTokenComesWithOpenidAndARelyingPartyLibraryValidatesIt() throws Exception {
        CodeFlow.WebClient client = flow.webClient(true);
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(client, "the-nonce");

        IDTokenValidator validator = new IDTokenValidator(new Issuer(issuer()), client.id(), JWSAlgorithm.RS256,
                new URL(issuer() + "/.well-known/jwks.json"));
        IDTokenClaimsSet claims = validator.validate(signedIn.tokens().getOIDCTokens().getIDToken(), new Nonce("the-nonce"));

        assertEquals(client.id().getValue(), claims.getAudience().getFirst().getValue());
        assertNotNull(claims.getAuthenticationTime());
        assertNotNull(claims.getStringClaim("sid"));
        assertEquals(false, claims.getBooleanClaim("email_verified"), "the address was not proved yet");
        assertEquals(AccessTokenHash.compute(signedIn.tokens().getOIDCTokens().getAccessToken(), JWSAlgorithm.RS256), claims.getAccessTokenHash());
        assertEquals("JWT", signedIn.tokens().getOIDCTokens().getIDToken().getHeader().getType().getType());
    }

    @Test
    void anIdTokenIsNeverAcceptedAsAnAccessToken() {
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(flow.webClient(true), null);

        Api.Response response = api().get("/auth/me", signedIn.tokens().getOIDCTokens().getIDTokenString());

        assertEquals(401, response.status(), response.toString());
    }

    @Test
    void userinfoAnswersForATokenWithOpenidAndNotWithout() {
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(flow.webClient(true), null);
        String withOpenid = signedIn.tokens().getOIDCTokens().getAccessToken().getValue();
        String userToken = api().registerSomeone().accessToken();

        Api.Response get = api().get("/oauth2/userinfo", withOpenid);
        Api.Response post = api().post("/oauth2/userinfo", null, withOpenid);
        Api.Response without = api().get("/oauth2/userinfo", userToken);

        assertEquals(200, get.status(), get.toString());
        assertEquals(signedIn.email(), get.string("email"));
        assertEquals(false, get.json().get("email_verified"), "the address was not proved");
        assertEquals(get.string("sub"), post.string("sub"));
        assertEquals(403, without.status());
        assertTrue(without.header("WWW-Authenticate").contains("insufficient_scope"));
    }

    @Test
    void logoutWithAnIdTokenHintEndsEverythingAndReturnsWithState() throws Exception {
        CodeFlow.WebClient client = flow.webClient(true);
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(client, null);
        String accessToken = signedIn.tokens().getOIDCTokens().getAccessToken().getValue();
        URI logout = URI.create(issuer() + "/oauth2/logout?id_token_hint=" + signedIn.tokens().getOIDCTokens().getIDTokenString()
                + "&post_logout_redirect_uri=" + CodeFlow.SIGNED_OUT + "&state=bye");

        HttpResponse<String> answer = signedIn.browser().get(logout);
        HttpResponse<String> again = signedIn.browser().get(flow.authorize(client, new CodeVerifier(), new State(), null));

        assertEquals(302, answer.statusCode(), answer.body());
        assertEquals(CodeFlow.SIGNED_OUT + "?state=bye", answer.headers().firstValue("Location").orElseThrow());
        assertEquals(401, api().get("/auth/me", accessToken).status(), "its tokens are revoked");
        assertEquals(200, again.statusCode(), "the browser must sign in again");
        assertTrue(again.body().contains("<form"));
    }

    @Test
    void logoutToAnUnregisteredAddressSignsOutButStaysHere() {
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(flow.webClient(true), null);
        URI logout = URI.create(issuer() + "/oauth2/logout?id_token_hint=" + signedIn.tokens().getOIDCTokens().getIDTokenString()
                + "&post_logout_redirect_uri=https%3A%2F%2Fevil.example%2F");

        HttpResponse<String> answer = signedIn.browser().get(logout);

        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").isEmpty());
        assertTrue(answer.body().contains("You are signed out"));
    }

    @Test
    void logoutWithoutAHintAsksFirstAndTheConfirmationNeedsItsCsrfToken() {
        CodeFlow.SignedIn signedIn = flow.signInWithOpenId(flow.webClient(true), null);
        String accessToken = signedIn.tokens().getOIDCTokens().getAccessToken().getValue();

        HttpResponse<String> asked = signedIn.browser().get(URI.create(issuer() + "/oauth2/logout"));
        HttpResponse<String> forged = signedIn.browser().postForm(URI.create(issuer() + "/oauth2/logout"), Map.of("csrf", "forged"));
        assertEquals(200, api().get("/auth/me", accessToken).status(), "nothing ended yet");
        HttpResponse<String> confirmed = signedIn.browser().postForm(URI.create(issuer() + "/oauth2/logout"),
                HtmlForms.hiddenFields(asked.body()));

        assertTrue(asked.body().contains("Sign out?"));
        assertEquals(403, forged.statusCode());
        assertEquals(200, confirmed.statusCode());
        assertEquals(401, api().get("/auth/me", accessToken).status());
    }

    @Test
    void logoutEverywhereAndAPasswordChangeEndTheBrowsersSignInToo() {
        CodeFlow.WebClient client = flow.webClient(true);
        for (String how : List.of("logout-all", "password-change")) {
            CodeFlow.SignedIn signedIn = flow.signInWithOpenId(client, null);
            String jsonApiToken = api().login(signedIn.email(), CodeFlow.PASSWORD).accessToken();

            Api.Response ended = how.equals("logout-all") ? api().post("/auth/logout-all", null, jsonApiToken)
                    : api().put("/auth/me/password", Api.json("currentPassword", CodeFlow.PASSWORD, "newPassword", "battery-staple-2"),
                    jsonApiToken);
            HttpResponse<String> again = signedIn.browser().get(flow.authorize(client, new CodeVerifier(), new State(), null));

            assertEquals(204, ended.status(), how + ": " + ended);
            assertEquals(200, again.statusCode(), how + ": the browser must sign in again, not get a code");
            assertTrue(again.body().contains("<form"), how);
        }
    }



    private String issuer() {
        return "http://localhost:" + server.getPort();
    }
}
