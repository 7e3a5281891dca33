package dev.authplatform.common.web;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a request carries text the platform does not take ({@link InputText}), or a part it cannot read at all.
 *
 * @param name the parameter, path variable or top-level JSON property; null when the part as a whole is malformed
 *             (a query string or a form with a broken percent-escape)
 */
public record UnacceptableInput(Part part, @Nullable String name) {

    public enum Part {
        PATH("path segment"), QUERY("query parameter"), FORM("form field"), JSON("property");

        private final String noun;

        Part(String noun) {
            this.noun = noun;
        }
    }

    /** The name, safe to send back: what {@link InputText} refuses is replaced, and a long name is cut short. */
    public String printableName() {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(60).forEach(c -> out.appendCodePoint(InputText.isAcceptable(Character.toString(c)) ? c : '?'));
        return out.toString();
    }

    /** One sentence for a client: which part, and why. */
    public String describe() {
        if (name == null) {
            return part == Part.QUERY ? "The query string cannot be read (a broken percent-escape)."
                    : "The form cannot be read (a broken percent-escape).";
        }
        return "The " + part.noun + " '" + printableName() + "' holds a control character, a lone surrogate or bytes that are not UTF-8.";
    }
}
