package dev.authplatform.common.verify;

import dev.authplatform.common.claims.PlatformClaims;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JwtTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * Plugs {@link AccessTokenVerifier} into Micronaut Security, so {@code @Secured} works on the platform's
 * tokens. It replaces micronaut-security-jwt's own validator: that one takes the algorithm from settings
 * we do not use and does not refetch the JWKS on an unknown {@code kid}. Why a token failed is kept on the
 * request for {@code BearerChallengeHandler} to say in the 401.
 */
@Singleton
@Replaces(JwtTokenValidator.class)
public class PlatformTokenValidator implements TokenValidator<HttpRequest<?>> {

    /** Request attribute: the words of the failed check. */
    public static final String REJECTION_ATTRIBUTE = "authplatform.token.rejection";
    /** Request attribute: why no decision could be made (503). */
    public static final String UNAVAILABLE_ATTRIBUTE = "authplatform.token.unavailable";

    /** Request attribute: the scopes a refused route needs, space-separated (see {@link RequiredScopes}). */
    public static final String MISSING_SCOPE_ATTRIBUTE = "authplatform.token.requiredScope";

    public static final String SESSION_ID = "sessionId";
    public static final String TOKEN_ID = "tokenId";
    /** The {@code kid} of the key that signed the token. */
    public static final String KEY_ID = "keyId";
    public static final String EXPIRES_AT = "expiresAt";
    public static final String ISSUED_AT = "issuedAt";
    /** The client the token was issued to; absent on tokens of the JSON API. */
    public static final String CLIENT_ID = "clientId";
    /** The granted scopes, a {@code List<String>}, empty when none. */
    public static final String SCOPES = "scopes";

    private final AccessTokenVerifier verifier;

    public PlatformTokenValidator(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        return authenticate(token, request, (on, valid) -> { });
    }

    /**
     * The caller the token proves, or empty (and why, on the request) when it proves none. A token verified before
     * is judged on the calling thread with nothing to wait for; the answer is then a ready value, which spares the
     * security filter a chain of reactive operators on every protected request (most of what {@code /api/me} cost
     * beyond a public route). A first sight of a token may wait for the JWKS and stays asynchronous.
     */
    public Mono<Authentication> authenticate(String token, @Nullable HttpRequest<?> request,
                                             BiConsumer<HttpRequest<?>, String> whenValid) {
        CompletableFuture<VerifiedToken> verdict = verifier.verify(token).toCompletableFuture();
        if (!verdict.isDone()) {
            return Mono.fromCompletionStage(verdict)
                    .map(verified -> accepted(verified, token, request, whenValid))
                    .onErrorResume(failure -> refused(request, failure));
        }
        try {
            return Mono.just(accepted(verdict.join(), token, request, whenValid));
        } catch (CompletionException | CancellationException e) {
            return refused(request, e.getCause() == null ? e : e.getCause());
        }
    }

    private static Authentication accepted(VerifiedToken verified, String token, @Nullable HttpRequest<?> request,
                                           BiConsumer<HttpRequest<?>, String> whenValid) {
        if (request != null) {
            whenValid.accept(request, token);
        }
        return toAuthentication(verified);
    }

    /** A refusal or an undecidable token becomes "no caller" with the reason kept; anything else stays an error. */
    private static Mono<Authentication> refused(@Nullable HttpRequest<?> request, Throwable failure) {
        return switch (failure) {
            case TokenRejected rejected -> remember(request, REJECTION_ATTRIBUTE, rejected.getMessage());
            case VerificationUnavailable unavailable -> remember(request, UNAVAILABLE_ATTRIBUTE, unavailable.getMessage());
            default -> Mono.error(failure);
        };
    }

    private static Mono<Authentication> remember(@Nullable HttpRequest<?> request, String attribute, String reason) {
        if (request != null) {
            request.setAttribute(attribute, reason);
        }
        return Mono.empty();
    }

    static Authentication toAuthentication(VerifiedToken token) {
        Map<String, Object> attributes = new java.util.HashMap<>();
        attributes.put(PlatformClaims.EMAIL, token.email() == null ? "" : token.email());
        if (token.sessionId() != null) {
            attributes.put(SESSION_ID, token.sessionId());
        }
        if (token.clientId() != null) {
            attributes.put(CLIENT_ID, token.clientId());
        }
        attributes.put(SCOPES, token.scopes());
        attributes.put(TOKEN_ID, token.tokenId());
        attributes.put(KEY_ID, token.keyId());
        attributes.put(ISSUED_AT, token.issuedAt().getEpochSecond());
        attributes.put(EXPIRES_AT, token.expiresAt().getEpochSecond());
        return Authentication.build(token.subject(), token.roles(), attributes);
    }
}
