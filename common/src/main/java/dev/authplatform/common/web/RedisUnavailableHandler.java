package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;
import io.lettuce.core.RedisException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Redis command failed (Redis down, or timing out): 503 with Retry-After, one log line, no stack trace. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
final class RedisUnavailableHandler implements ExceptionHandler<RedisException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(RedisUnavailableHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RedisException exception) {
        LOG.warn("{} {}: Redis unavailable: {}", request.getMethod(), request.getPath(), DependencyFailures.describe(exception));
        return ProblemResponses.of(ProblemException.unavailable("Redis is unavailable; retry shortly.", 1));
    }
}
