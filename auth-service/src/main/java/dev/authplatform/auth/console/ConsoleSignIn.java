package dev.authplatform.auth.console;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.authplatform.auth.oauth.OAuthError;
import dev.authplatform.auth.oauth.OpaqueTokens;
import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.oauth.token.TokenRequests;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.common.verify.PlatformTokenValidator;
import dev.authplatform.common.verify.VerifierSettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * How a console signs its user in: as the platform's built-in first-party client, through the platform's own
 * authorization code flow with PKCE and {@code state} (RFC 6749, RFC 7636), so the hosted sign-in page, the second
 * factor and the MFA policy apply as to any application. The code is redeemed in this process through the same
 * {@link TokenRequests} as the token endpoint; the tokens go into the console's cookies. An expired access token is
 * renewed with the single-use refresh token; when that fails too, the flow starts again (silently while the browser's
 * sign-in lasts).
 */
@Singleton
class ConsoleSignIn implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSignIn.class);
    private static final ClientID CLIENT = new ClientID(ClientService.BUILT_IN_CONSOLE);

    private final ClientService clients;
    private final TokenRequests tokens;
    private final SessionService sessions;
    private final HttpClientAddressResolver addresses;
    private final ConsolePages pages;
    private final String issuer;
    private final URI tokenEndpoint;
    private volatile boolean clientRegistered;

    ConsoleSignIn(ClientService clients, TokenRequests tokens, SessionService sessions, HttpClientAddressResolver addresses,
                  ConsolePages pages, VerifierSettings settings) {
        this.clients = clients;
        this.tokens = tokens;
        this.sessions = sessions;
        this.addresses = addresses;
        this.pages = pages;
        this.issuer = settings.issuerBase();
        this.tokenEndpoint = URI.create(issuer + "/oauth2/token");
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        try {
            registerClient();
        } catch (RuntimeException e) {
            LOG.info("the console client will be registered at the first console sign-in: {}", e.toString());
        }
    }

    /** The built-in client, with a redirect URI for each console under this issuer. */
    private void registerClient() {
        if (!clientRegistered) {
            clients.putBuiltInConsole("Platform console", Arrays.stream(ConsoleArea.values()).map(this::redirectUri).toList());
            clientRegistered = true;
        }
    }

    private String redirectUri(ConsoleArea area) {
        return issuer + area.path("/callback");
    }

    /** To the hosted sign-in (the authorization endpoint), remembering state, PKCE verifier and the page asked for. */
    MutableHttpResponse<?> start(HttpRequest<?> http, ConsoleArea area, String next) {
        registerClient();
        State state = new State();
        CodeVerifier verifier = new CodeVerifier();
        URI authorize = new AuthorizationRequest.Builder(ResponseType.CODE, CLIENT)
                .endpointURI(URI.create("/oauth2/authorize"))
                .redirectionURI(URI.create(redirectUri(area)))
                .scope(new Scope("openid"))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
        String flow = state.getValue() + "." + verifier.getValue() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(area.safeNext(next).getBytes(StandardCharsets.UTF_8));
        return pages.seeOther(authorize.toString()).cookie(ConsoleCookies.flow(flow, area, http.isSecure()));
    }

    /** The authorization endpoint's answer: the code redeemed for the console's tokens, then the page asked for. */
    MutableHttpResponse<?> callback(HttpRequest<?> http, ConsoleArea area, String code, String state, String error) {
        String[] flow = ConsoleCookies.read(http, ConsoleCookies.FLOW).map(value -> value.split("\\.")).orElse(new String[0]);
        if (flow.length != 3 || !OpaqueTokens.sameValue(flow[0], state)) {
            return pages.message(http, area, HttpStatus.BAD_REQUEST, "Sign-in could not be completed",
                    "This sign-in was not started here, or it took too long. Open the console again to sign in.", null);
        }
        if (error != null || code == null) {
            return "access_denied".equals(error)
                    ? pages.message(http, area, HttpStatus.FORBIDDEN, "Sign-in cancelled", "You did not sign in to the console.", null)
                    : pages.message(http, area, HttpStatus.BAD_REQUEST, "Sign-in could not be completed",
                    "The sign-in answered: " + (error == null ? "no code" : error) + ". Open the console again to sign in.", null);
        }
        String next = new String(Base64.getUrlDecoder().decode(flow[2]), StandardCharsets.UTF_8);
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(redirectUri(area)),
                new CodeVerifier(flow[1]));
        return redeem(http, area, grant)
                .<MutableHttpResponse<?>>map(issued -> signedIn(http, area, issued, area.safeNext(next)))
                .orElseGet(() -> pages.message(http, area, HttpStatus.BAD_REQUEST, "Sign-in could not be completed",
                        "The sign-in code was refused (used before, or expired). Open the console again to sign in.", null));
    }

    /** A new access token for the console from its refresh token, or a new sign-in when that is refused. */
    MutableHttpResponse<?> renew(HttpRequest<?> http, ConsoleArea area, String next) {
        Optional<AccessTokenResponse> renewed = ConsoleCookies.read(http, ConsoleCookies.REFRESH)
                .flatMap(refresh -> redeem(http, area, new RefreshTokenGrant(new RefreshToken(refresh))));
        return renewed.<MutableHttpResponse<?>>map(issued -> signedIn(http, area, issued, area.safeNext(next)))
                .orElseGet(() -> start(http, area, next));
    }

    /** Ends the console's session at every verifier, clears its cookies, and offers to end the browser's sign-in. */
    MutableHttpResponse<?> signOut(HttpRequest<?> http, ConsoleArea area, Authentication who) {
        if (who != null && who.getAttributes().get(PlatformTokenValidator.SESSION_ID) instanceof String sid) {
            sessions.revoke(UUID.fromString(sid), "signout");
        }
        MutableHttpResponse<?> response = pages.seeOther("/oauth2/logout");
        ConsoleCookies.signedOut(response, http, area);
        return response;
    }

    private Optional<AccessTokenResponse> redeem(HttpRequest<?> http, ConsoleArea area, AuthorizationGrant grant) {
        try {
            TokenRequest request = new TokenRequest.Builder(tokenEndpoint, CLIENT, grant).build();
            return Optional.of(tokens.answer(request, addresses.resolve(http), Instant.now()));
        } catch (OAuthError refused) {
            LOG.debug("console {} token request refused: {}", area.name().toLowerCase(java.util.Locale.ROOT), refused.getMessage());
            return Optional.empty();
        }
    }

    private MutableHttpResponse<?> signedIn(HttpRequest<?> http, ConsoleArea area, AccessTokenResponse issued, String next) {
        MutableHttpResponse<?> response = pages.seeOther(next);
        RefreshToken refresh = issued.getTokens().getRefreshToken();
        ConsoleCookies.signedIn(response, http, area, issued.getTokens().getAccessToken().getValue(),
                refresh == null ? null : refresh.getValue());
        return response;
    }
}
