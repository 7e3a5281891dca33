package dev.authplatform.auth.oauth.signin;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.auth.support.CodeFlow;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Totp;
import dev.authplatform.common.testing.HtmlForms;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hosted sign-in page asks for the second factor after the password; the tokens and the ID token say so (amr). */
@MicronautTest(transactional = false)
class MfaSigninPageTest extends AuthServiceTest {

    private OAuthClients clients;
    private CodeFlow flow;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        flow = new CodeFlow(api(), clients);
    }

    @Test
    void thePasswordLeadsToACodeAndTheCodeToTheApplication() throws Exception {
        CodeFlow.WebClient client = flow.webClient(true);
        String email = flow.someone();
        String token = api().login(email, CodeFlow.PASSWORD).accessToken();
        String secret = api().post("/auth/mfa/totp", null, token).string("secret");
        long step = Totp.step(Instant.now());
        assertEquals(200, api().post("/auth/mfa/totp/confirm", json("code", Totp.code(secret, step)), token).status());

        Browser browser = new Browser();
        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<String> secondStep = flow.signIn(browser, browser.get(flow.authorize(client, verifier, new State(), null,
                new Scope("openid", "reports:read"), "n-1")), email, CodeFlow.PASSWORD);
        assertEquals(200, secondStep.statusCode(), secondStep.body());
        assertTrue(secondStep.body().contains("Two-step sign-in"));
        assertTrue(secondStep.headers().firstValue("Location").isEmpty(), "no code before the second step");

        Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(secondStep.body()));
        form.put("code", Totp.wrongCode(secret));
        HttpResponse<String> wrong = browser.postForm(clients.endpoint("/oauth2/signin/mfa"), form);
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("not correct"));

        form = new HashMap<>(HtmlForms.hiddenFields(wrong.body()));
        form.put("code", Totp.code(secret, step + 1));
        HttpResponse<String> done = browser.postForm(clients.endpoint("/oauth2/signin/mfa"), form);
        assertEquals(303, done.statusCode(), done.body());

        var code = CodeFlow.parse(done).toSuccessResponse().getAuthorizationCode();
        OIDCTokenResponse tokens = OIDCTokenResponse.parse(OAuthClients.raw(new TokenRequest(clients.endpoint("/oauth2/token"),
                client.auth(), new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, verifier))));
        assertEquals(List.of("pwd", "otp"), tokens.getOIDCTokens().getIDToken().getJWTClaimsSet().getStringListClaim("amr"));
        assertEquals(List.of("pwd", "otp"), SignedJWT.parse(tokens.getOIDCTokens().getAccessToken().getValue()).getJWTClaimsSet()
                .getStringListClaim("amr"));
    }

    @Test
    void aFormWithoutItsCsrfTokenOrAMadeUpChallengeSignsNobodyIn() {
        CodeFlow.WebClient client = flow.webClient(true);
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get(flow.authorize(client, new CodeVerifier(), new State(), null));
        Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(page.body()));
        form.put("challenge", "made-up");
        form.put("code", "123456");

        HttpResponse<String> madeUp = browser.postForm(clients.endpoint("/oauth2/signin/mfa"), form);
        assertEquals(401, madeUp.statusCode());
        assertTrue(madeUp.headers().firstValue("Location").isEmpty());

        form.put("csrf", "guess");
        assertEquals(403, browser.postForm(clients.endpoint("/oauth2/signin/mfa"), form).statusCode());
    }
}
