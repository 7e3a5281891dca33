package dev.authplatform.auth.support;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
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
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import dev.authplatform.common.testing.Browser;
import dev.authplatform.common.testing.HtmlForms;
import dev.authplatform.common.testing.Api;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The browser side of the authorization code flow, for tests: registering web apps, building requests, signing in. */
public final class CodeFlow {

    public static final URI CALLBACK = URI.create("https://app.example/callback");
    public static final URI SIGNED_OUT = URI.create("https://app.example/signed-out");
    public static final String PASSWORD = "correct-horse-1";

    private final Api api;
    private final OAuthClients clients;

    public CodeFlow(Api api, OAuthClients clients) {
        this.api = api;
        this.clients = clients;
    }

    /** A registered web app: a confidential one has a secret, a public one has none. */
    public record WebClient(ClientID id, Secret secret) {
        public ClientAuthentication auth() {
            return new ClientSecretBasic(id, secret);
        }
    }

    /** A confidential web app with the code and refresh grants, allowed {@code reports:read}. */
    public WebClient webClient(boolean firstParty) {
        return webClient(firstParty, Map.of());
    }

    /** {@link #webClient(boolean)} with more registration fields. */
    public WebClient webClient(boolean firstParty, Map<String, Object> more) {
        Map<String, Object> fields = new HashMap<>(Map.of("type", "confidential", "grantTypes", List.of("authorization_code", "refresh_token"),
                "redirectUris", List.of(CALLBACK.toString()), "postLogoutRedirectUris", List.of(SIGNED_OUT.toString()),
                "scopes", List.of("reports:read"), "firstParty", firstParty));
        fields.putAll(more);
        Api.Response created = clients.create(fields);
        return new WebClient(new ClientID(created.string("clientId")), new Secret(created.string("clientSecret")));
    }

    /** A user who can sign in with {@link #PASSWORD}; returns the address. */
    public String someone() {
        String email = "browser-" + UUID.randomUUID() + "@platform.test";
        api.register(email, PASSWORD);
        return email;
    }

    public URI authorize(WebClient client, CodeVerifier verifier, State state, String prompt) {
        return authorize(client, verifier, state, prompt, new Scope("reports:read"), null);
    }

    public URI authorize(WebClient client, CodeVerifier verifier, State state, String prompt, Scope scope, String nonce) {
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), client.id())
                .endpointURI(clients.endpoint("/oauth2/authorize")).redirectionURI(CALLBACK).state(state).scope(scope)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (prompt != null) {
            request.customParameter("prompt", prompt);
        }
        if (nonce != null) {
            request.customParameter("nonce", nonce);
        }
        return request.build().toURI();
    }

    /** Fills in and posts the sign-in form of {@code page}. */
    public HttpResponse<String> signIn(Browser browser, HttpResponse<String> page, String email, String password) {
        if (page.statusCode() != 200) {
            throw new AssertionError("no sign-in page: " + page.statusCode() + " " + page.body());
        }
        Map<String, String> form = new HashMap<>(HtmlForms.hiddenFields(page.body()));
        form.put("email", email);
        form.put("password", password);
        return browser.postForm(clients.endpoint("/oauth2/signin"), form);
    }

    /** A user signed in through the hosted page with scope openid: their browser and the client's token response. */
    public record SignedIn(String email, Browser browser, OIDCTokenResponse tokens) {
    }

    /** Signs a new user in through the hosted page with scope openid (and {@code nonce}, or none) and exchanges the code. */
    public SignedIn signInWithOpenId(WebClient client, String nonce) {
        String email = someone();
        Browser browser = new Browser();
        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<String> answer = signIn(browser, browser.get(authorize(client, verifier, new State(), null,
                new Scope("openid", "reports:read"), nonce)), email, PASSWORD);
        AuthorizationCode code = parse(answer).toSuccessResponse().getAuthorizationCode();
        try {
            OIDCTokenResponse tokens = OIDCTokenResponse.parse(OAuthClients.raw(new TokenRequest(clients.endpoint("/oauth2/token"),
                    client.auth(), new AuthorizationCodeGrant(code, CALLBACK, verifier))));
            return new SignedIn(email, browser, tokens);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The authorization response a redirect carries back to the client. */
    public static AuthorizationResponse parse(HttpResponse<String> answer) {
        try {
            return AuthorizationResponse.parse(URI.create(answer.headers().firstValue("Location").orElseThrow(
                    () -> new AssertionError("no redirect: " + answer.statusCode() + " " + answer.body()))));
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
