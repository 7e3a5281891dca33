package dev.authplatform.common.web;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the {@code X-Request-Id} a trusted proxy sent ({@code auth.proxies.trusted}),
 * else a new random UUID. It is returned in the response's {@code X-Request-Id}, and is in the MDC as {@code requestId}
 * for every log line written while the request is served, on whichever thread (Micronaut's context propagation).
 * <p>
 * A request and a response method rather than a filter around the chain: wrapping the chain's publisher to add the
 * header put a reactive operator on every request of both services (bench/compare-resource-builds).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final String ATTRIBUTE = "authplatform.requestId";
    /** What a proxy's id may look like: short, and nothing that could forge a log line or a header. */
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final TrustedProxies proxies;

    RequestIdFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before(); // before security: its refusals are logged with the id too
    }

    @RequestFilter
    void assignId(HttpRequest<?> request, MutablePropagatedContext context) {
        String id = idOf(request);
        request.setAttribute(ATTRIBUTE, id);
        context.add(new MdcPropagationContext(Map.of(MDC_KEY, id)));
    }

    @ResponseFilter
    void returnId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getAttributes().getValue(ATTRIBUTE) instanceof String id) {
            response.header(HEADER, id);
        }
    }

    private String idOf(HttpRequest<?> request) {
        String offered = request.getHeaders().get(HEADER);
        if (offered != null && ACCEPTABLE.matcher(offered).matches() && proxies.trusts(request.getRemoteAddress())) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
