package dev.authplatform.common.web;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import org.reactivestreams.Publisher;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the {@code X-Request-Id} a trusted proxy sent ({@code auth.proxies.trusted}),
 * else a new UUID. It is returned in the response's {@code X-Request-Id}, and is in the MDC as {@code requestId}
 * for every log line written while the request is served, on whichever thread (Micronaut's context propagation).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements HttpServerFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
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

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String id = idOf(request);
        try (PropagatedContext.Scope ignored = PropagatedContext.getOrEmpty()
                .plus(new MdcPropagationContext(Map.of(MDC_KEY, id))).propagate()) {
            return Publishers.map(chain.proceed(request), response -> response.header(HEADER, id));
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
