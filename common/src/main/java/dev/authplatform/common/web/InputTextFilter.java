package dev.authplatform.common.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.UriRouteMatch;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses a request whose path variables or query parameters hold text the platform does not take ({@link InputText}),
 * or whose query string cannot be read (a broken percent-escape, escaped bytes that are not UTF-8), before anything reads them: answered by the service's
 * {@link UnacceptableInputAnswer}, so in the format of the endpoint's family. Header values are the HTTP codec's to
 * refuse (Netty answers 400 to a control character in one); bodies are {@link InputBodyTextFilter}'s.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class InputTextFilter implements Ordered {

    private final UnacceptableInputAnswer answer;

    InputTextFilter(UnacceptableInputAnswer answer) {
        this.answer = answer;
    }

    @Override
    public int getOrder() {
        // after the views filter, so that an HTML refusal (a hosted error page) is rendered like any page
        return ServerFilterPhase.RENDERING.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseUnacceptableText(HttpRequest<?> request) {
        UnacceptableInput found = inPath(request);
        if (found == null) {
            found = inQuery(request);
        }
        return found == null ? null : answer.answer(request, found);
    }

    private static UnacceptableInput inPath(HttpRequest<?> request) {
        if (request.getAttribute(HttpAttributes.ROUTE_MATCH, UriRouteMatch.class).orElse(null) instanceof UriRouteMatch<?, ?> route) {
            for (Map.Entry<String, Object> variable : route.getVariableValues().entrySet()) {
                if (variable.getValue() instanceof CharSequence value && !InputText.isAcceptable(value)) {
                    return new UnacceptableInput(UnacceptableInput.Part.PATH, variable.getKey());
                }
            }
        }
        return null;
    }

    private static UnacceptableInput inQuery(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        return query == null ? null : FormText.firstUnacceptable(query.getBytes(StandardCharsets.UTF_8), UnacceptableInput.Part.QUERY);
    }
}
