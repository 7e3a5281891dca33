package dev.authplatform.auth.oauth;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.authplatform.common.web.DependencyFailures;
import dev.authplatform.common.web.ProblemException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * What every {@code /oauth2} endpoint does around its own work: hand the raw request to the Nimbus SDK, which parses
 * OAuth messages (we do not), answer with {@code Cache-Control: no-store} (RFC 6749 section 5.1), and turn a
 * dependency that is down into the protocol's 503 rather than a problem document.
 */
public final class OAuthExchange {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthExchange.class);

    private OAuthExchange() {
    }

    /**
     * The request as the Nimbus SDK reads it: method, URL, Content-Type, Authorization and the raw body. A parameter
     * sent twice is refused here, before anything reads it (RFC 6749 section 3.1 and 3.2: "MUST NOT be included more
     * than once"); only {@code resource} may repeat (RFC 8707).
     */
    private static HTTPRequest toNimbus(HttpRequest<?> request, String body, URI endpoint) {
        if (body != null) {
            // Counted, not Nimbus's getKeysWithMoreThanOneValue: that one lets the same value twice through.
            Set<String> repeated = URLUtils.parseParameters(body).entrySet().stream()
                    .filter(e -> e.getValue().size() > 1 && !"resource".equals(e.getKey()))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            if (!repeated.isEmpty()) {
                throw OAuthError.invalidRequest("parameters sent more than once: " + String.join(", ", repeated));
            }
        }
        HTTPRequest http = new HTTPRequest(HTTPRequest.Method.valueOf(request.getMethodName()), endpoint);
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (contentType != null) {
            http.setHeader("Content-Type", contentType);
        }
        request.getHeaders().getAuthorization().ifPresent(value -> http.setHeader("Authorization", value));
        if (body != null) {
            http.setBody(body);
        }
        return http;
    }

    /** One of the Nimbus SDK's request parsers ({@code TokenRequest::parse}, {@code TokenRevocationRequest::parse}, ...). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(HTTPRequest request) throws ParseException;
    }

    /** Parses the request with the SDK; what it refuses becomes the error it names (invalid_request when it names none). */
    public static <T> T parse(Parser<T> parser, HttpRequest<?> request, String body, URI endpoint) {
        try {
            return parser.parse(toNimbus(request, body, endpoint));
        } catch (ParseException e) {
            throw OAuthError.of(e.getErrorObject() == null ? OAuth2Error.INVALID_REQUEST : e.getErrorObject(), e.getMessage());
        }
    }

    /** A JSON answer that carries or describes a token: never stored by a cache. */
    public static MutableHttpResponse<Map<String, Object>> noStore(Map<String, Object> json) {
        return HttpResponse.<Map<String, Object>>status(HttpStatus.OK)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .body(json);
    }

    /**
     * Runs an endpoint's work; PostgreSQL or Redis being down becomes {@code temporarily_unavailable}, 503. Data the
     * database refused is the request's fault ({@code invalid_request}), and any other database error is a fault of
     * ours (500): neither tells clients and load balancers to retry, nor counts as the database being down.
     */
    public static <T> T guarded(Supplier<T> work) {
        try {
            return work.get();
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                throw OAuthError.unavailable("a dependency is unavailable; retry shortly");
            }
            throw e;
        } catch (CannotGetJdbcConnectionException | ConnectionException e) {
            // no connection, or one that broke under the request: PostgreSQL is unavailable
            throw OAuthError.unavailable("the database is unavailable; retry shortly");
        } catch (DataAccessException e) {
            if (DependencyFailures.isUnavailable(e)) {
                throw OAuthError.unavailable("the database is unavailable; retry shortly");
            }
            if (DependencyFailures.isRefusedData(e)) {
                LOG.warn("the database refused an OAuth request's data (SQLSTATE {})", DependencyFailures.sqlState(e));
                throw OAuthError.invalidRequest("a parameter holds a value that cannot be stored");
            }
            throw e;
        }
    }
}
