package dev.authplatform.auth.oauth;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an {@link OAuthError} as RFC 6749 section 5.2 JSON, never cached. */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
final class OAuthErrorHandler implements ExceptionHandler<OAuthError, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, OAuthError exception) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", exception.error().getCode());
        if (exception.error().getDescription() != null) {
            body.put("error_description", exception.error().getDescription());
        }
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(exception.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .body(body);
        if (exception.basicChallenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
        }
        if (exception.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()));
        }
        return response;
    }
}
