package dev.authplatform.auth.throttle;

import dev.authplatform.auth.web.FamilyAnswers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.util.HttpClientAddressResolver;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Per-address limits on the unauthenticated endpoints that cost work ({@link AbuseLimitSettings}), checked before
 * anything reads the request: 429 with Retry-After in the endpoint family's format. The address is the client's as
 * {@code auth.proxies.trusted} lets it be read.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AbuseLimitFilter implements Ordered {

    private static final Map<String, AbuseLimits.Limit> LIMITED = Map.ofEntries(
            Map.entry("/auth/register", AbuseLimits.Limit.REGISTRATION),
            Map.entry("/auth/login", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/auth/login/mfa", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/auth/password/reset", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/auth/email/verify", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/oauth2/authorize", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/oauth2/signin", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/oauth2/signin/mfa", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/account/reset-password", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/account/verify-email", AbuseLimits.Limit.SIGN_IN),
            Map.entry("/oauth2/token", AbuseLimits.Limit.TOKEN),
            Map.entry("/oauth2/introspect", AbuseLimits.Limit.TOKEN),
            Map.entry("/oauth2/revoke", AbuseLimits.Limit.TOKEN),
            Map.entry("/auth/refresh", AbuseLimits.Limit.TOKEN));

    private final AbuseLimits limits;
    private final HttpClientAddressResolver addresses;
    private final FamilyAnswers answers;

    AbuseLimitFilter(AbuseLimits limits, HttpClientAddressResolver addresses, FamilyAnswers answers) {
        this.limits = limits;
        this.addresses = addresses;
        this.answers = answers;
    }

    @Override
    public int getOrder() {
        // after the views filter, so that a refusal page is rendered like any page
        return ServerFilterPhase.RENDERING.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> limit(HttpRequest<?> request) {
        String path = request.getPath();
        AbuseLimits.Limit limit = LIMITED.get(path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path);
        if (limit == null || (request.getMethod() != HttpMethod.POST && !path.startsWith("/oauth2/authorize"))) {
            return null;
        }
        OptionalLong wait = limits.take(limit, addresses.resolve(request));
        return wait.isEmpty() ? null : answers.tooManyRequests(request, wait.getAsLong());
    }
}
