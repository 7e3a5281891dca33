package dev.authplatform.auth.oauth.signin;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.auth.support.CodeFlow;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.HtmlForms;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code /oauth2/sessions}: a signed-in browser lists its user's sessions and signs one out, everywhere. */
@MicronautTest(transactional = false)
class SessionsPageTest extends AuthServiceTest {

    private static final Pattern SESSION_FORM = Pattern.compile("data-session=\"([0-9a-f-]+)\"");

    private OAuthClients clients;
    private CodeFlow flow;

    @BeforeAll
    void setUp() {
        clients = new OAuthClients(api(), loginAsAdmin().accessToken());
        flow = new CodeFlow(api(), clients);
    }

    @Test
    void aSignedInBrowserSeesItsSessionsAndSignsOneOutEverywhere() throws Exception {
        CodeFlow.WebClient client = flow.webClient(true);
        String email = flow.someone(); // registering started one session (the JSON API)
        Browser browser = new Browser();
        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<String> answer = flow.signIn(browser, browser.get(flow.authorize(client, verifier, new State(), null)),
                email, CodeFlow.PASSWORD);
        var code = CodeFlow.parse(answer).toSuccessResponse().getAuthorizationCode();
        AccessTokenResponse appTokens = AccessTokenResponse.parse(OAuthClients.raw(new TokenRequest(clients.endpoint("/oauth2/token"),
                client.auth(), new AuthorizationCodeGrant(code, CodeFlow.CALLBACK, verifier))));
        Api.Response phone = api().login(email, CodeFlow.PASSWORD);

        HttpResponse<String> page = browser.get(clients.endpoint("/oauth2/sessions"));

        assertEquals(200, page.statusCode(), page.body());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        assertEquals(3, count(SESSION_FORM.matcher(page.body())), "registration, the app, the phone");
        assertEquals(1, count(Pattern.compile("this browser").matcher(page.body())), "the app's session was started here");
        String phoneSession = api().get("/auth/sessions", phone.accessToken()).array().stream()
                .filter(s -> Boolean.TRUE.equals(s.get("current"))).findFirst().orElseThrow().get("id").toString();

        Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(page.body()));
        form.put("session", phoneSession);
        HttpResponse<String> ended = browser.postForm(clients.endpoint("/oauth2/sessions/end"), form);

        assertEquals(303, ended.statusCode(), ended.body());
        assertEquals(401, api().get("/auth/me", phone.accessToken()).status(), "the phone's tokens are refused");
        assertEquals(200, api().get("/auth/me", appTokens.getTokens().getAccessToken().getValue()).status(), "the app's are not");
        HttpResponse<String> after = browser.get(clients.endpoint("/oauth2/sessions"));
        assertEquals(2, count(SESSION_FORM.matcher(after.body())));
        assertFalse(after.body().contains(phoneSession));
    }

    @Test
    void withoutASignInOrWithoutTheFormsTokenNothingIsShownOrEnded() {
        Api.Response user = api().registerSomeone();
        String session = api().get("/auth/sessions", user.accessToken()).array().getFirst().get("id").toString();
        Browser stranger = new Browser();

        HttpResponse<String> page = stranger.get(clients.endpoint("/oauth2/sessions"));
        assertEquals(401, page.statusCode());
        assertFalse(page.body().contains(session));

        HttpResponse<String> forged = stranger.postForm(clients.endpoint("/oauth2/sessions/end"), Map.of("session", session, "csrf", "guess"));
        assertEquals(403, forged.statusCode());
        assertEquals(200, api().get("/auth/me", user.accessToken()).status());
    }

    private static int count(Matcher matcher) {
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
