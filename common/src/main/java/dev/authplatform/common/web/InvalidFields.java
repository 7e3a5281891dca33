package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;

import java.util.List;

/**
 * A request whose fields break rules that bean validation cannot state (one field against another, a URI's
 * shape, a key set): answered like any validation problem, with one {@code errors} entry per field.
 */
public final class InvalidFields extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidFields(List<Problem.FieldError> errors) {
        super(errors.size() + " invalid fields", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
