package dev.authplatform.auth.web;

import dev.authplatform.common.api.Problem;
import dev.authplatform.common.web.DependencyFailures;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemResponses;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pool could not hand out a connection: PostgreSQL is down or unreachable. 503, one log line, no stack trace. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class NoDatabaseConnectionHandler implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(NoDatabaseConnectionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
        return unavailable(request, exception);
    }

    /** 503 with Retry-After, and one WARN line without a stack trace. */
    static HttpResponse<Problem> unavailable(HttpRequest<?> request, RuntimeException exception) {
        LOG.warn("{} {}: database unavailable: {}", request.getMethod(), request.getPath(), DependencyFailures.describe(exception));
        return ProblemResponses.of(ProblemException.unavailable("The database is unavailable; retry shortly.", 2));
    }
}
