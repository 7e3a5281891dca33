package dev.authplatform.auth.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code Cache-Control: no-store} and {@code Pragma: no-cache} (RFC 6749 section 5.1) on everything under the paths
 * that hand out tokens or secrets: the JSON API's token responses, the OAuth endpoints, the admin API (a new client
 * secret), the consoles. None of it is ever worth caching, so the rule is by path rather than remembered per endpoint.
 */
@ServerFilter(patterns = {"/auth/**", "/oauth2/**", "/admin/**", "/console/**", "/account/**"})
final class NoStoreFilter {

    @ResponseFilter
    void noStore(MutableHttpResponse<?> response) {
        if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (!response.getHeaders().contains("Pragma")) {
            response.header("Pragma", "no-cache");
        }
    }
}
