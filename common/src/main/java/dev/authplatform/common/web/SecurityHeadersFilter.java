package dev.authplatform.common.web;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * On every response: {@code X-Content-Type-Options: nosniff} (a JSON body is never sniffed into HTML or script) and
 * {@code Referrer-Policy: no-referrer}, unless the response set its own (auth-service's hosted pages need
 * {@code same-origin}, or a browser posts their forms with {@code Origin: null}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(Ordered.HIGHEST_PRECEDENCE) // first in, last out: it also sees the answers the security filter gives on its own
final class SecurityHeadersFilter {

    @ResponseFilter
    void securityHeaders(MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains("X-Content-Type-Options")) {
            response.header("X-Content-Type-Options", "nosniff");
        }
        if (!response.getHeaders().contains("Referrer-Policy")) {
            response.header("Referrer-Policy", "no-referrer");
        }
    }
}
