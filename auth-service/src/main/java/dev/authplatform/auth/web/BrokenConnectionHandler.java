package dev.authplatform.auth.web;

import dev.authplatform.common.api.Problem;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A connection the pool had handed out broke under a request: PostgreSQL went away mid-request, and resetting the
 * connection afterwards (read-only, auto-commit) failed on the closed connection, hiding the statement's own error.
 * The database is unavailable, not the request at fault: 503, one log line, no stack trace (found by bench/soak).
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class BrokenConnectionHandler implements ExceptionHandler<ConnectionException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConnectionException exception) {
        return NoDatabaseConnectionHandler.unavailable(request, exception);
    }
}
