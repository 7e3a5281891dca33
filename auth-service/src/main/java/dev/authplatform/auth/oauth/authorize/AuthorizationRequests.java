package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.OIDCScopeValue;
import com.nimbusds.openid.connect.sdk.Prompt;
import dev.authplatform.auth.oauth.client.ClientRow;
import dev.authplatform.auth.oauth.client.ClientService;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;

/**
 * Checks an authorization request (RFC 6749 section 4.1.1, RFC 7636 section 4.3, OIDC Core section 3.1.2.1), parsed by
 * the Nimbus SDK. Until the client and its redirect URI are verified, failures are shown on a page; after that, they
 * go back to the client. The redirect URI must equal a registered one exactly, character for character (RFC 9700
 * section 4.1.1); PKCE with S256 is required of every client (RFC 9700 section 2.1.1); {@code state} is required so
 * the client can tie the answer to its request.
 */
@Singleton
public class AuthorizationRequests {

    private final ClientService clients;

    AuthorizationRequests(ClientService clients) {
        this.clients = clients;
    }

    public ValidatedAuthorization validate(String rawQuery) {
        if (rawQuery == null || rawQuery.isBlank()) {
            throw AuthorizationFailure.onPage(OAuth2Error.INVALID_REQUEST, "The request names no client.");
        }
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(rawQuery);
        } catch (ParseException e) {
            // Nimbus tells which client and redirect URI it read; they are used only once verified below.
            verifiedClient(e.getClientID() == null ? null : e.getClientID().getValue(), e.getRedirectionURI());
            throw AuthorizationFailure.toClient(e.getErrorObject() == null ? OAuth2Error.INVALID_REQUEST : e.getErrorObject(),
                    e.getMessage(), e.getRedirectionURI(), e.getState());
        }
        ClientRow client = verifiedClient(request.getClientID().getValue(), request.getRedirectionURI());
        URI redirect = request.getRedirectionURI();
        if (!new ResponseType(ResponseType.Value.CODE).equals(request.getResponseType())) {
            throw AuthorizationFailure.toClient(OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, "only response_type=code is offered",
                    redirect, request.getState());
        }
        if (!client.allowsGrant(ClientService.AUTHORIZATION_CODE)) {
            throw AuthorizationFailure.toClient(OAuth2Error.UNAUTHORIZED_CLIENT, "the client is not registered for the code flow",
                    redirect, request.getState());
        }
        if (request.getState() == null) {
            throw AuthorizationFailure.toClient(OAuth2Error.INVALID_REQUEST, "state is required", redirect, null);
        }
        if (request.getCodeChallenge() == null || !CodeChallengeMethod.S256.equals(request.getCodeChallengeMethod())) {
            throw AuthorizationFailure.toClient(OAuth2Error.INVALID_REQUEST, "PKCE is required: code_challenge with code_challenge_method=S256",
                    redirect, request.getState());
        }
        List<String> scopes = request.getScope() == null ? List.of() : request.getScope().toStringList();
        List<String> allowed = client.scopeList();
        // openid asks for an ID token (OIDC Core section 3.1.2.1): any client of the code flow may, without registering it.
        List<String> refused = scopes.stream().filter(s -> !allowed.contains(s) && !OIDCScopeValue.OPENID.getValue().equals(s)).toList();
        if (!refused.isEmpty()) {
            throw AuthorizationFailure.toClient(OAuth2Error.INVALID_SCOPE, "the client may not ask for: " + String.join(" ", refused),
                    redirect, request.getState());
        }
        Prompt prompt = request.getPrompt();
        return new ValidatedAuthorization(rawQuery, client, redirect, request.getState(), request.getCodeChallenge().getValue(), scopes,
                request.getCustomParameter("nonce") == null ? null : request.getCustomParameter("nonce").getFirst(),
                request.getCustomParameter("login_hint") == null ? null : request.getCustomParameter("login_hint").getFirst(),
                prompt != null && prompt.contains(Prompt.Type.LOGIN), prompt != null && prompt.contains(Prompt.Type.NONE));
    }

    /** The client, if it exists, is enabled and registered exactly this redirect URI; otherwise an error page. */
    private ClientRow verifiedClient(String clientId, URI redirectUri) {
        ClientRow client = clients.findActive(clientId).orElseThrow(() ->
                AuthorizationFailure.onPage(OAuth2Error.INVALID_CLIENT, "The application is not known or not enabled."));
        if (redirectUri == null || !client.redirectUriList().contains(redirectUri.toString())) {
            throw AuthorizationFailure.onPage(OAuth2Error.INVALID_REQUEST,
                    "The address to return to is not one the application registered.");
        }
        return client;
    }
}
