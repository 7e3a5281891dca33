package dev.authplatform.auth.oauth.authorize;

import com.nimbusds.oauth2.sdk.id.State;
import dev.authplatform.auth.oauth.client.ClientRow;

import java.net.URI;
import java.util.List;

/**
 * An authorization request that passed every check of {@link AuthorizationRequests}: the client, its exact
 * redirect URI, {@code response_type=code}, S256 PKCE, a state, scopes it may ask for.
 *
 * @param rawQuery    the query as the browser sent it, carried through the sign-in form and validated again there
 * @param promptLogin {@code prompt=login}: sign in again even with a sign-in session
 * @param promptNone  {@code prompt=none}: never show a page; answer {@code login_required} instead
 */
public record ValidatedAuthorization(String rawQuery,
                                     ClientRow client,
                                     URI redirectUri,
                                     State state,
                                     String codeChallenge,
                                     List<String> scopes,
                                     String nonce,
                                     String loginHint,
                                     boolean promptLogin,
                                     boolean promptNone) {
}
