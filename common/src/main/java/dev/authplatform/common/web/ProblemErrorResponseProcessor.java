package dev.authplatform.common.web;

import dev.authplatform.common.api.Problem;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Turns every error the framework itself produces (unknown route, wrong method, wrong content type,
 * oversized or malformed body, unhandled exception) into problem+json. The detail is a fixed sentence per
 * status: framework messages can name Java types or echo input, and none of that may reach a client.
 */
@Primary
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status.getCode() >= 500 && errorContext.getRootCause().filter(DependencyFailures::isUnavailable).isPresent()) {
            // A database or Redis that cannot be reached is not a bug of ours: 503, retry shortly, no stack trace.
            LOG.warn("{} {}: a dependency is unavailable: {}", errorContext.getRequest().getMethodName(),
                    errorContext.getRequest().getPath(), DependencyFailures.describe(errorContext.getRootCause().get()));
            return ProblemResponses.of(ProblemException.unavailable("A dependency of this service is unavailable; retry shortly.", 1));
        }
        errorContext.getRootCause().ifPresent(cause -> {
            if (status.getCode() >= 500) {
                LOG.error("{} {} failed", errorContext.getRequest().getMethodName(), errorContext.getRequest().getPath(), cause);
            } else {
                // the type only: messages of conversion errors can quote the request body, passwords included
                LOG.debug("{} {} refused with {}: {}", errorContext.getRequest().getMethodName(), errorContext.getRequest().getPath(),
                        status.getCode(), cause.getClass().getSimpleName());
            }
        });
        Problem problem = new Problem(typeOf(status), status.getReason(), status.getCode(), detailOf(status, errorContext), null);
        MutableHttpResponse<Problem> problemResponse = ProblemResponses.of(status, problem, Map.of());
        response.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> problemResponse.header(name, value));
            }
        });
        if (status == HttpStatus.SERVICE_UNAVAILABLE && !problemResponse.getHeaders().contains("Retry-After")) {
            problemResponse.header("Retry-After", "1");
        }
        return problemResponse;
    }

    private static String typeOf(HttpStatus status) {
        return status == HttpStatus.BAD_REQUEST ? ProblemTypes.MALFORMED_REQUEST : ProblemTypes.BLANK;
    }

    private static String detailOf(HttpStatus status, ErrorContext context) {
        return switch (status) {
            // a malformed header (the codec's refusal) lands here too, so the sentence does not blame the body alone
            case BAD_REQUEST -> "The request could not be read: a header, the query string or the body is malformed"
                    + " (a JSON body must be well-formed JSON of the expected shape).";
            case NOT_FOUND -> "There is nothing at this path.";
            case METHOD_NOT_ALLOWED -> "This path does not accept the method " + context.getRequest().getMethodName() + ".";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json.";
            case NOT_ACCEPTABLE -> "This resource can only answer with JSON.";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than the 64 KiB this service accepts.";
            case UNAUTHORIZED -> "Authentication is required.";
            case FORBIDDEN -> "The authenticated caller may not do this.";
            case SERVICE_UNAVAILABLE -> "A dependency of this service is unavailable; retry shortly.";
            default -> status.getCode() >= 500
                    ? "The service could not complete the request."
                    : "The request was refused.";
        };
    }
}
