package dev.authplatform.auth.oauth;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal in the OAuth protocol's own words (RFC 6749 section 5.2): {@code {"error", "error_description"}}, never
 * problem+json, because OAuth clients parse these. The one place where a failure on an {@code /oauth2} endpoint
 * becomes an answer is {@link OAuthErrorHandler}.
 */
public final class OAuthError extends RuntimeException {

    private final ErrorObject error;
    private final boolean basicChallenge;
    private final long retryAfterSeconds;

    private OAuthError(ErrorObject error, boolean basicChallenge, long retryAfterSeconds) {
        super(error.getCode() + ": " + error.getDescription(), null, false, false);
        this.error = error;
        this.basicChallenge = basicChallenge;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * An error with the status the standard gives it (400, or 401 for {@code invalid_client}); the description is made
     * {@linkplain ErrorDescriptions#safe safe} to send, whatever client input it quotes.
     */
    public static OAuthError of(ErrorObject error, String description) {
        ErrorObject withDescription = description == null ? error : error.setDescription(ErrorDescriptions.safe(description));
        return new OAuthError(withDescription, false, 0);
    }

    public static OAuthError invalidRequest(String description) {
        return of(OAuth2Error.INVALID_REQUEST, description);
    }

    public static OAuthError invalidGrant(String description) {
        return of(OAuth2Error.INVALID_GRANT, description);
    }

    public static OAuthError invalidScope(String description) {
        return of(OAuth2Error.INVALID_SCOPE, description);
    }

    public static OAuthError unauthorizedClient(String description) {
        return of(OAuth2Error.UNAUTHORIZED_CLIENT, description);
    }

    /**
     * {@code invalid_client}, 401. It says no more than that: why a client failed to authenticate is not told
     * (RFC 6749 section 5.2); with {@code basic} the answer challenges for HTTP Basic, as the RFC asks.
     */
    public static OAuthError invalidClient(boolean basic) {
        return new OAuthError(OAuth2Error.INVALID_CLIENT.setDescription("client authentication failed"), basic, 0);
    }

    /** Too many failed client authentications: 429 with Retry-After, still in the protocol's format. */
    public static OAuthError throttled(long retryAfterSeconds) {
        return new OAuthError(new ErrorObject("invalid_client", "too many failed client authentications; retry later", 429),
                false, retryAfterSeconds);
    }

    /**
     * Too many requests from one address or client: 429 with Retry-After, as {@code slow_down}, the token endpoint's
     * registered error for a client that must send less often (RFC 8628 section 3.5).
     */
    public static OAuthError slowDown(String description, long retryAfterSeconds) {
        return new OAuthError(new ErrorObject("slow_down", description, 429), false, retryAfterSeconds);
    }

    /** A dependency is down: 503 with Retry-After ({@code temporarily_unavailable}, RFC 6749 section 4.1.2.1). */
    public static OAuthError unavailable(String description) {
        return new OAuthError(new ErrorObject("temporarily_unavailable", description, 503), false, 1);
    }

    public ErrorObject error() {
        return error;
    }

    public int status() {
        if (error.getHTTPStatusCode() > 0) {
            return error.getHTTPStatusCode();
        }
        return OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode()) ? 401 : 400;
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The answer: RFC 6749 section 5.2 JSON, never cached, with the challenge and Retry-After it calls for. */
    public MutableHttpResponse<Map<String, Object>> toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getCode());
        if (error.getDescription() != null) {
            body.put("error_description", error.getDescription());
        }
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .body(body);
        if (basicChallenge) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
        }
        if (retryAfterSeconds > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        return response;
    }
}
