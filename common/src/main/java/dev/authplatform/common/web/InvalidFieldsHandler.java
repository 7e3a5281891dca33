package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders {@link InvalidFields} as a 400 validation problem. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
final class InvalidFieldsHandler implements ExceptionHandler<InvalidFields, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, InvalidFields exception) {
        return ProblemResponses.validation(exception.errors());
    }
}
