package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.authplatform.common.testing.HtmlForms;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.auth.support.CodeFlow;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.context.annotation.Value;
import dev.authplatform.common.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.HttpCookie;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization code flow with PKCE through the hosted sign-in page (RFC 6749 section 4.1, RFC 7636), the OAuth
 * messages built and read by the Nimbus SDK as a client library would, the pages by a form-level browser.
 */
@MicronautTest(transactional = false)
class AuthorizationCodeFlowTest extends AuthServiceTest {

    @Value("${datasources.default.url}")
    String databaseUrl;

    private OAuthClients clients;
    private CodeFlow flow;
    private URI authorizeEndpoint;
    private URI tokenEndpoint;
    private URI signinEndpoint;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        flow = new CodeFlow(api(), clients);
        authorizeEndpoint = clients.endpoint("/oauth2/authorize");
        tokenEndpoint = clients.endpoint("/oauth2/token");
        signinEndpoint = clients.endpoint("/oauth2/signin");
    }

    @Test
    void aUserSignsInOnTheHostedPageAndTheClientExchangesTheCodeForTokens() {
        CodeFlow.WebClient client = flow.webClient(true);
        String email = flow.someone();
        Browser browser = new Browser();
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();

        HttpResponse<String> page = browser.get(flow.authorize(client, verifier, state, null));
        HttpResponse<String> answer = flow.signIn(browser, page, email, CodeFlow.PASSWORD);
        AuthorizationResponse response = CodeFlow.parse(answer);
        AccessTokenResponse tokens = OAuthClients.send(new TokenRequest(tokenEndpoint, client.auth(),
                new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(), CodeFlow.CALLBACK, verifier))).toSuccessResponse();

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("frame-ancestors 'none'"));
        assertEquals(303, answer.statusCode());
        assertEquals(state, response.getState(), "state comes back untouched");
        assertEquals(issuer(), response.toSuccessResponse().getIssuer().getValue(), "RFC 9207 iss");
        Map<String, Object> claims = Jwts.claims(tokens.getTokens().getAccessToken().getValue());
        assertEquals(client.id().getValue(), claims.get("client_id"));
        assertEquals("reports:read", claims.get("scope"));
        assertEquals(email, claims.get("email"));
        assertNotNull(tokens.getTokens().getRefreshToken());
        HttpCookie cookie = browser.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("authplatform_signin")).findFirst().orElseThrow();
        assertTrue(cookie.isHttpOnly());
    }

    @Test
    void aSecondAppSignsInWithoutThePasswordAgain() {
        Browser browser = signedInBrowser(flow.webClient(true), flow.someone());
        CodeFlow.WebClient second = flow.webClient(true);

        HttpResponse<String> answer = browser.get(flow.authorize(second, new CodeVerifier(), new State(), null));

        assertEquals(302, answer.statusCode(), answer.body());
        assertTrue(CodeFlow.parse(answer).indicatesSuccess());
    }

    @Test
    void promptLoginAsksAgainAndPromptNoneNeverShowsAPage() {
        CodeFlow.WebClient client = flow.webClient(true);
        Browser signedIn = signedInBrowser(client, flow.someone());

        HttpResponse<String> again = signedIn.get(flow.authorize(client, new CodeVerifier(), new State(), "login"));
        State state = new State();
        HttpResponse<String> none = new Browser().get(flow.authorize(client, new CodeVerifier(), state, "none"));

        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("<form"));
        HttpResponse<String> hinted = new Browser().get(URI.create(flow.authorize(client, new CodeVerifier(), new State(), null)
                + "&login_hint=ada%40platform.test"));
        assertTrue(hinted.body().contains("value=\"ada@platform.test\""), "login_hint fills in the address");
        ErrorObject error = CodeFlow.parse(none).toErrorResponse().getErrorObject();
        assertEquals("login_required", error.getCode());
        assertEquals(state, CodeFlow.parse(none).getState());
    }

    @Test
    void aCodeIsUsedOnceAndItsReplayRevokesWhatItProduced() {
        CodeFlow.WebClient client = flow.webClient(true);
        CodeVerifier verifier = new CodeVerifier();
        Browser browser = new Browser();
        AuthorizationCode code = CodeFlow.parse(flow.signIn(browser, browser.get(flow.authorize(client, verifier, new State(), null)), flow.someone(), CodeFlow.PASSWORD))
                .toSuccessResponse().getAuthorizationCode();
        TokenRequest exchange = new TokenRequest(tokenEndpoint, client.auth(), new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, verifier));

        String accessToken = OAuthClients.send(exchange).toSuccessResponse().getTokens().getAccessToken().getValue();
        ErrorObject replay = OAuthClients.error(exchange).getErrorObject();

        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), replay.getCode());
        assertEquals(401, api().get("/auth/me", accessToken).status(), "the tokens of a replayed code are revoked");
    }

    @Test
    void theCodeIsBoundToItsVerifierClientAndRedirectUri() {
        CodeFlow.WebClient client = flow.webClient(true);
        CodeFlow.WebClient other = flow.webClient(true);
        CodeVerifier verifier = new CodeVerifier();

        for (int attempt = 0; attempt < 3; attempt++) {
            Browser browser = new Browser();
            AuthorizationCode code = CodeFlow.parse(flow.signIn(browser, browser.get(flow.authorize(client, verifier, new State(), null)), flow.someone(), CodeFlow.PASSWORD))
                    .toSuccessResponse().getAuthorizationCode();
            TokenRequest wrong = switch (attempt) {
                case 0 -> new TokenRequest(tokenEndpoint, client.auth(), new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, new CodeVerifier()));
                case 1 -> new TokenRequest(tokenEndpoint, other.auth(), new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, verifier));
                default -> new TokenRequest(tokenEndpoint, client.auth(),
                        new AuthorizationCodeGrant(code, URI.create("https://app.example/other"), verifier));
            };
            assertEquals(OAuth2Error.INVALID_GRANT.getCode(), OAuthClients.error(wrong).getErrorObject().getCode(), "attempt " + attempt);
        }
    }

    @Test
    void anExpiredCodeOrSigninSessionIsNoLongerGood() throws Exception {
        CodeFlow.WebClient client = flow.webClient(true);
        CodeVerifier verifier = new CodeVerifier();
        Browser browser = new Browser();
        AuthorizationCode code = CodeFlow.parse(flow.signIn(browser, browser.get(flow.authorize(client, verifier, new State(), null)),
                flow.someone(), CodeFlow.PASSWORD)).toSuccessResponse().getAuthorizationCode();

        // Age both past their lifetimes (60 s for a code) instead of waiting for them.
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(databaseUrl, infrastructure.username(), infrastructure.password());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE authorization_codes SET expires_at = now() - interval '1 second'");
            statement.executeUpdate("UPDATE signin_sessions SET expires_at = now() - interval '1 second'");
        }

        ErrorObject expired = OAuthClients.error(new TokenRequest(tokenEndpoint, client.auth(),
                new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, verifier))).getErrorObject();
        HttpResponse<String> again = browser.get(flow.authorize(client, new CodeVerifier(), new State(), null));
        assertEquals(OAuth2Error.INVALID_GRANT.getCode(), expired.getCode());
        assertEquals(200, again.statusCode(), "the expired sign-in session signs nobody in");
        assertTrue(again.body().contains("<form"));
    }

    @Test
    void aPublicClientUsesPkceAlone() {
        Api.Response created = clients.create(Map.of("type", "public", "grantTypes", List.of("authorization_code", "refresh_token"),
                "redirectUris", List.of(CodeFlow.CALLBACK.toString()), "scopes", List.of("reports:read"), "firstParty", true));
        CodeFlow.WebClient client = new CodeFlow.WebClient(new ClientID(created.string("clientId")), null);
        CodeVerifier verifier = new CodeVerifier();
        Browser browser = new Browser();
        AuthorizationCode code = CodeFlow.parse(flow.signIn(browser, browser.get(flow.authorize(client, verifier, new State(), null)), flow.someone(), CodeFlow.PASSWORD))
                .toSuccessResponse().getAuthorizationCode();

        AccessTokenResponse tokens = OAuthClients.send(new TokenRequest(tokenEndpoint, client.id(),
                new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, verifier))).toSuccessResponse();

        assertEquals(client.id().getValue(), Jwts.claims(tokens.getTokens().getAccessToken().getValue()).get("client_id"));
    }

    @Test
    void anUnverifiedClientOrRedirectUriGetsAnErrorPageNeverARedirect() {
        CodeFlow.WebClient client = flow.webClient(true);
        URI valid = flow.authorize(client, new CodeVerifier(), new State(), null);
        String elsewhere = valid.toString().replace("app.example", "evil.example");
        String unknown = valid.toString().replace(client.id().getValue(), "no-such-client");

        String noClient = authorizeEndpoint + "?response_type=code&redirect_uri=https%3A%2F%2Fevil.example%2F&state=x";
        for (String uri : List.of(elsewhere, unknown, authorizeEndpoint.toString(), noClient)) {
            HttpResponse<String> response = new Browser().get(URI.create(uri));
            assertEquals(400, response.statusCode(), uri);
            assertTrue(response.headers().firstValue("Location").isEmpty(), uri);
            assertTrue(response.body().contains("Sign-in cannot continue"), uri);
        }
    }

    @Test
    void missingOrPlainPkceAndMissingStateGoBackToTheClientAsInvalidRequest() {
        CodeFlow.WebClient client = flow.webClient(true);
        String withPkce = flow.authorize(client, new CodeVerifier(), new State("s1"), null).toString();
        String noPkce = withPkce.replaceAll("&code_challenge=[^&]*", "").replaceAll("&code_challenge_method=[^&]*", "");
        String plain = withPkce.replace("code_challenge_method=S256", "code_challenge_method=plain");
        String noState = withPkce.replace("&state=s1", "").replace("state=s1&", "");

        for (String uri : List.of(noPkce, plain, noState)) {
            HttpResponse<String> response = new Browser().get(URI.create(uri));
            assertEquals(302, response.statusCode(), uri + " " + response.body());
            assertEquals(OAuth2Error.INVALID_REQUEST.getCode(), CodeFlow.parse(response).toErrorResponse().getErrorObject().getCode(), uri);
        }
    }

    @Test
    void anOversizedOrMalformedQueryIsAClientErrorNeverA500() {
        String huge = flow.authorize(flow.webClient(true), new CodeVerifier(), new State("x".repeat(20_000)), null).toString();
        String malformed = authorizeEndpoint + "?client_id=a&client_id=b&response_type=code";

        for (String uri : List.of(huge, malformed)) {
            int status = new Browser().get(URI.create(uri)).statusCode();
            assertTrue(status >= 400 && status < 500, uri.substring(0, 80) + " answered " + status);
        }
    }

    @Test
    void repeatedWrongPasswordsOnTheHostedPageAreThrottledLikeLogins() {
        CodeFlow.WebClient client = flow.webClient(true);
        String email = flow.someone();
        Browser browser = new Browser();

        HttpResponse<String> last = null;
        for (int i = 0; i < 12 && (last == null || last.statusCode() != 429); i++) {
            last = flow.signIn(browser, browser.get(flow.authorize(client, new CodeVerifier(), new State(), null)), email, "wrong-password");
        }

        assertEquals(429, last.statusCode());
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        assertTrue(last.body().contains("Too many failed sign-ins"));
    }

    @Test
    void aForgedCsrfTokenOrAWrongPasswordSignsNobodyIn() {
        CodeFlow.WebClient client = flow.webClient(true);
        String email = flow.someone();
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(flow.authorize(client, new CodeVerifier(), new State(), null));
        Map<String, String> forged = new HashMap<>(HtmlForms.hiddenFields(page.body()));
        forged.put("csrf", "forged");
        forged.put("email", email);
        forged.put("password", CodeFlow.PASSWORD);

        HttpResponse<String> csrf = browser.postForm(signinEndpoint, forged);
        HttpResponse<String> wrong = flow.signIn(browser, browser.get(flow.authorize(client, new CodeVerifier(), new State(), null)), email, "not-the-password");

        assertEquals(403, csrf.statusCode());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("aria-describedby=\"signin-error\""), "the message is tied to the fields");
        assertTrue(browser.cookies().getCookieStore().getCookies().stream().noneMatch(c -> c.getName().equals("authplatform_signin")));
    }

    @Test
    void aTamperedSigninCookieIsNoSignIn() {
        CodeFlow.WebClient client = flow.webClient(true);
        Browser browser = signedInBrowser(client, flow.someone());
        HttpCookie cookie = browser.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("authplatform_signin")).findFirst().orElseThrow();
        cookie.setValue(cookie.getValue().substring(1) + "A");

        HttpResponse<String> answer = browser.get(flow.authorize(client, new CodeVerifier(), new State(), null));

        assertEquals(200, answer.statusCode(), "the sign-in page again");
        assertTrue(answer.body().contains("<form"));
    }

    @Test
    void aScopeTheClientMayNotHaveIsInvalidScope() {
        CodeFlow.WebClient client = flow.webClient(true);
        String valid = flow.authorize(client, new CodeVerifier(), new State(), null).toString();

        for (String scope : List.of("admin%3Aall", "openid+admin%3Aall")) {
            HttpResponse<String> answer = new Browser().get(URI.create(valid.replace("scope=reports%3Aread", "scope=" + scope)));
            assertEquals(OAuth2Error.INVALID_SCOPE.getCode(), CodeFlow.parse(answer).toErrorResponse().getErrorObject().getCode(), scope);
        }
    }

    private Browser signedInBrowser(CodeFlow.WebClient client, String email) {
        Browser browser = new Browser();
        HttpResponse<String> answer = flow.signIn(browser, browser.get(flow.authorize(client, new CodeVerifier(), new State(), null)), email, CodeFlow.PASSWORD);
        assertEquals(303, answer.statusCode(), answer.body());
        return browser;
    }

    private String issuer() {
        return "http://localhost:" + server.getPort();
    }

}
