package dev.authplatform.auth.oauth.consent;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.authplatform.common.testing.HtmlForms;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.auth.support.CodeFlow;
import dev.authplatform.auth.support.OAuthClients;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that is not first-party gets a code only after the user agreed; once; and loses its tokens when withdrawn. */
@MicronautTest(transactional = false)
class ConsentTest extends AuthServiceTest {

    private CodeFlow flow;
    private OAuthClients clients;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        flow = new CodeFlow(api(), clients);
    }

    @Test
    void theUserAgreesOnceAndCanWithdrawWhichRevokesTheClientsTokens() {
        CodeFlow.WebClient thirdParty = flow.webClient(false);
        String email = flow.someone();
        Browser browser = new Browser();
        CodeVerifier verifier = new CodeVerifier();

        HttpResponse<String> consentPage = flow.signIn(browser, browser.get(flow.authorize(thirdParty, verifier, new State(), null)),
                email, CodeFlow.PASSWORD);
        assertEquals(200, consentPage.statusCode(), consentPage.body());
        assertTrue(consentPage.body().contains("asks to:") && consentPage.body().contains("reports:read"), consentPage.body());
        HttpResponse<String> allowed = decide(browser, consentPage, "allow");
        AuthorizationCode code = CodeFlow.parse(allowed).toSuccessResponse().getAuthorizationCode();
        String accessToken = OAuthClients.send(new TokenRequest(clients.endpoint("/oauth2/token"), thirdParty.auth(),
                new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, verifier))).toSuccessResponse().getTokens().getAccessToken().getValue();
        HttpResponse<String> again = browser.get(flow.authorize(thirdParty, new CodeVerifier(), new State(), null));

        assertEquals(302, again.statusCode(), "asked once: " + again.body());
        String userToken = api().login(email, CodeFlow.PASSWORD).accessToken();
        List<Map<String, Object>> listed = api().get("/auth/consents", userToken).array();
        assertEquals(thirdParty.id().getValue(), listed.getFirst().get("clientId"));
        assertEquals(List.of("reports:read"), listed.getFirst().get("scopes"));

        assertEquals(204, api().send("DELETE", "/auth/consents/" + thirdParty.id().getValue(), null, null, userToken).status());
        assertEquals(401, api().get("/auth/me", accessToken).status(), "the client's tokens for the user are revoked");
        assertEquals(200, api().get("/auth/me", userToken).status(), "the user's own session is untouched");
        HttpResponse<String> askedAgain = browser.get(flow.authorize(thirdParty, new CodeVerifier(), new State(), null));
        assertEquals(200, askedAgain.statusCode());
        assertTrue(askedAgain.body().contains("asks to:"));
    }

    @Test
    void declineGoesBackAsAccessDenied() {
        CodeFlow.WebClient thirdParty = flow.webClient(false);
        Browser browser = new Browser();
        HttpResponse<String> consentPage = flow.signIn(browser, browser.get(flow.authorize(thirdParty, new CodeVerifier(), new State(), null)),
                flow.someone(), CodeFlow.PASSWORD);

        HttpResponse<String> denied = decide(browser, consentPage, "deny");

        assertEquals(OAuth2Error.ACCESS_DENIED.getCode(), CodeFlow.parse(denied).toErrorResponse().getErrorObject().getCode());
    }

    @Test
    void promptNoneWithoutConsentIsConsentRequired() {
        CodeFlow.WebClient firstParty = flow.webClient(true);
        CodeFlow.WebClient thirdParty = flow.webClient(false);
        Browser browser = new Browser();
        flow.signIn(browser, browser.get(flow.authorize(firstParty, new CodeVerifier(), new State(), null)), flow.someone(), CodeFlow.PASSWORD);

        HttpResponse<String> none = browser.get(flow.authorize(thirdParty, new CodeVerifier(), new State(), "none"));

        assertEquals("consent_required", CodeFlow.parse(none).toErrorResponse().getErrorObject().getCode());
    }

    @Test
    void aForgedConsentIsRefused() {
        CodeFlow.WebClient thirdParty = flow.webClient(false);
        Browser browser = new Browser();
        HttpResponse<String> consentPage = flow.signIn(browser, browser.get(flow.authorize(thirdParty, new CodeVerifier(), new State(), null)),
                flow.someone(), CodeFlow.PASSWORD);
        Map<String, String> forged = new HashMap<>(HtmlForms.hiddenFields(consentPage.body()));
        forged.put("csrf", "forged");
        forged.put("decision", "allow");

        HttpResponse<String> answer = browser.postForm(clients.endpoint("/oauth2/consent"), forged);

        assertEquals(403, answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").isEmpty());
    }

    private HttpResponse<String> decide(Browser browser, HttpResponse<String> consentPage, String decision) {
        Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(consentPage.body()));
        form.put("decision", decision);
        return browser.postForm(clients.endpoint("/oauth2/consent"), form);
    }
}
