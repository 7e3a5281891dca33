package dev.authplatform.auth.oauth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Writes an {@link OAuthError} as RFC 6749 section 5.2 JSON, never cached. */
@Singleton
@Produces(MediaType.APPLICATION_JSON)
final class OAuthErrorHandler implements ExceptionHandler<OAuthError, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, OAuthError exception) {
        return exception.toResponse();
    }
}
