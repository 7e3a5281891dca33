package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.List;
import java.util.Map;

/** Builds {@code application/problem+json} responses: the one place that knows the wire shape of an error. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static MutableHttpResponse<Problem> of(HttpStatus status, String type, String title, String detail) {
        return of(status, new Problem(type, title, status.getCode(), detail, null), Map.of());
    }

    public static MutableHttpResponse<Problem> of(ProblemException e) {
        return of(e.status(), new Problem(e.type(), e.title(), e.status().getCode(), e.detail(), null), e.headers());
    }

    public static MutableHttpResponse<Problem> validation(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? "The field '" + errors.getFirst().field() + "' is invalid: " + errors.getFirst().message() + "."
                : errors.size() + " fields are invalid.";
        return of(HttpStatus.BAD_REQUEST,
                new Problem(ProblemTypes.VALIDATION, "Invalid request", 400, detail, errors), Map.of());
    }

    public static MutableHttpResponse<Problem> of(HttpStatus status, Problem problem, Map<String, String> headers) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(status)
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
        headers.forEach(response::header);
        return response;
    }
}
