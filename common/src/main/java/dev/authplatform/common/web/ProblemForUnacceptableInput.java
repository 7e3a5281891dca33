package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/** The JSON API's answer to unacceptable input: a validation problem naming the field, or a malformed-request one. */
@Singleton
public final class ProblemForUnacceptableInput implements UnacceptableInputAnswer {

    static final String MESSAGE = "must not contain control characters, lone surrogates or bytes that are not UTF-8";

    @Override
    public MutableHttpResponse<?> answer(HttpRequest<?> request, UnacceptableInput input) {
        if (input.name() == null) {
            return ProblemResponses.of(HttpStatus.BAD_REQUEST, new Problem(ProblemTypes.MALFORMED_REQUEST, "Bad Request", 400,
                    input.describe(), null), Map.of());
        }
        return ProblemResponses.validation(List.of(new Problem.FieldError(input.printableName(), MESSAGE)));
    }
}
