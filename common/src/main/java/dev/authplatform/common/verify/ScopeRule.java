package dev.authplatform.common.verify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.List;

/**
 * Enforces {@link RequiredScopes}. It runs before {@code @Secured} and only ever refuses: a token that lacks a scope
 * is rejected (403 with {@code insufficient_scope} and the scopes it needs), anything else is left to the other rules,
 * so a missing token still gets 401.
 */
@Singleton
final class ScopeRule implements SecurityRule<HttpRequest<?>> {

    // every protected request passes here: the two answers are made once, not per request
    private static final Mono<SecurityRuleResult> UNKNOWN = Mono.just(SecurityRuleResult.UNKNOWN);
    private static final Mono<SecurityRuleResult> REJECTED = Mono.just(SecurityRuleResult.REJECTED);
    // asked by name: hasAnnotation(Class) first looks for a repeatable container, through Optionals, on every request
    private static final String REQUIRED_SCOPES = RequiredScopes.class.getName();

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || authentication == null) {
            return UNKNOWN;
        }
        RouteMatch<?> route = request.getAttribute(HttpAttributes.ROUTE_MATCH, RouteMatch.class).orElse(null);
        if (!(route instanceof MethodBasedRouteMatch<?, ?> method)) {
            return UNKNOWN;
        }
        // most routes need no scope: asking whether the annotation is there costs less than reading its values
        if (!method.hasAnnotation(REQUIRED_SCOPES)) {
            return UNKNOWN;
        }
        String[] required = method.stringValues(RequiredScopes.class);
        if (required.length == 0) {
            return UNKNOWN;
        }
        Collection<?> granted = authentication.getAttributes().get(PlatformTokenValidator.SCOPES) instanceof Collection<?> scopes
                ? scopes : List.of();
        if (granted.containsAll(List.of(required))) {
            return UNKNOWN;
        }
        request.setAttribute(PlatformTokenValidator.MISSING_SCOPE_ATTRIBUTE, String.join(" ", required));
        return REJECTED;
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER - 10;
    }
}
