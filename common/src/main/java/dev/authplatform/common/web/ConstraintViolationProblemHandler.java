package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bean-validation failures as one problem with an {@code errors} entry per field. The field is the JSON
 * property the client sent ({@code newPassword}), never the Java path ({@code change.request.newPassword}).
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(ConstraintExceptionHandler.class)
final class ConstraintViolationProblemHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        Map<String, String> firstMessageByField = new LinkedHashMap<>();
        exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> fieldOf(v)).thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> firstMessageByField.putIfAbsent(fieldOf(v), v.getMessage()));
        List<Problem.FieldError> errors = new ArrayList<>();
        firstMessageByField.forEach((field, message) -> errors.add(new Problem.FieldError(field, message)));
        return ProblemResponses.validation(errors);
    }

    /** The first bean property on the path ({@code register.request.email} gives {@code email}); else the parameter. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY) {
                return node.getName();
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        return parameter == null ? "body" : parameter;
    }
}
