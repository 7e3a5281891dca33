package dev.authplatform.common.web;

import io.micronaut.http.HttpStatus;

import java.util.Map;

/**
 * A refusal that maps to one RFC 9457 problem. Features throw it (or a subclass named for the rule it
 * enforces); {@link ProblemExceptionHandler} renders it. The detail is shown to the client, so it must
 * never carry a secret, a token or an internal name.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String type, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** A dependency (database, Redis, the key source) is unreachable: 503 with a Retry-After, never a 500. */
    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.UNAVAILABLE, "Service Unavailable", detail,
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
}
