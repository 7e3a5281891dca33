package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request whose fields break rules that bean validation cannot state (one field against another, a URI's
 * shape, a key set): answered like any validation problem, with one {@code errors} entry per field.
 */
public final class InvalidFields extends RuntimeException {

    private final List<Problem.FieldError> errors;

    /** One entry per field is kept, the first given for it: API.md asks for one per offending field. */
    public InvalidFields(List<Problem.FieldError> errors) {
        super(errors.size() + " invalid fields", null, false, false);
        Map<String, Problem.FieldError> byField = new LinkedHashMap<>();
        errors.forEach(error -> byField.putIfAbsent(error.field(), error));
        this.errors = List.copyOf(byField.values());
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
