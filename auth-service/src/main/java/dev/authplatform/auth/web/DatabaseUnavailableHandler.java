package dev.authplatform.auth.web;

import dev.authplatform.common.api.Problem;
import dev.authplatform.common.web.DependencyFailures;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemResponses;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Database failures. PostgreSQL being unreachable is a 503 with Retry-After (the pool reconnects by itself when
 * it returns); data the database refused (SQLSTATE class 22) is the request's fault, a 400; any other data error is a
 * plain 500 problem. None shows SQL or a class name.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
class DatabaseUnavailableHandler implements ExceptionHandler<DataAccessException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DataAccessException exception) {
        if (DependencyFailures.isUnavailable(exception)) {
            LOG.warn("{} {}: database unavailable: {}", request.getMethod(), request.getPath(), DependencyFailures.describe(exception));
            return ProblemResponses.of(ProblemException.unavailable("The database is unavailable; retry shortly.", 2));
        }
        if (DependencyFailures.isRefusedData(exception)) {
            // the input boundary (InputTextFilter) should have refused it: a warning, with the state and not the value
            LOG.warn("{} {}: the database refused the request's data (SQLSTATE {})", request.getMethod(), request.getPath(),
                    DependencyFailures.sqlState(exception));
            return ProblemResponses.of(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Bad Request",
                    "A value in the request cannot be stored.");
        }
        LOG.error("database error on {} {}", request.getMethod(), request.getPath(), exception);
        return ProblemResponses.of(HttpStatus.INTERNAL_SERVER_ERROR, "about:blank", "Internal Server Error",
                "The service could not complete the request.");
    }
}
