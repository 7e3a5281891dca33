package dev.authplatform.common.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthLevelOfDetail;
import io.micronaut.management.health.aggregator.HealthAggregator;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The probes, in the platform's flat format {@code {"status": "UP", "<component>": "UP", ...}}: 200 when every
 * component is up, else 503 with Retry-After (load balancers and orchestrators read the code). The components are
 * micronaut-management's {@link HealthIndicator} beans, combined by its {@link HealthAggregator}.
 * <ul>
 *   <li>{@code GET /health/liveness}: only the {@link Liveness} indicators, never a dependency;</li>
 *   <li>{@code GET /health/readiness}: every other indicator: the dependencies (PostgreSQL, Redis, the revocation
 *   view, the JWKS) and management's graceful-shutdown indicator, DOWN once the service has begun to stop;</li>
 *   <li>{@code GET /health}: the dependencies ({@link DependencyHealthIndicator}s) alone, as it has always answered.</li>
 * </ul>
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
public class HealthController {

    private final HealthAggregator<HealthResult> aggregator;
    private final HealthIndicator[] liveness;
    private final HealthIndicator[] readiness;
    private final HealthIndicator[] dependencies;

    HealthController(HealthAggregator<HealthResult> aggregator, HealthIndicator[] all, @Liveness HealthIndicator[] liveness,
                     DependencyHealthIndicator[] dependencies) {
        this.aggregator = aggregator;
        this.dependencies = dependencies;
        this.liveness = liveness;
        List<HealthIndicator> live = Arrays.asList(liveness);
        this.readiness = Arrays.stream(all).filter(indicator -> !live.contains(indicator)).toArray(HealthIndicator[]::new);
    }

    @Get
    Mono<HttpResponse<Map<String, String>>> health() {
        return answer(dependencies);
    }

    @Get("/readiness")
    Mono<HttpResponse<Map<String, String>>> readiness() {
        return answer(readiness);
    }

    @Get("/liveness")
    Mono<HttpResponse<Map<String, String>>> liveness() {
        return answer(liveness);
    }

    private Mono<HttpResponse<Map<String, String>>> answer(HealthIndicator[] indicators) {
        return Mono.from(aggregator.aggregate(indicators, HealthLevelOfDetail.STATUS_DESCRIPTION_DETAILS))
                .map(HealthController::flat);
    }

    private static HttpResponse<Map<String, String>> flat(HealthResult aggregate) {
        Map<String, String> body = new TreeMap<>();
        if (aggregate.getDetails() instanceof Map<?, ?> components) {
            components.forEach((name, component) -> {
                if (component instanceof HealthResult result) {
                    body.put(String.valueOf(name), result.getStatus().getName());
                }
            });
        }
        boolean up = body.values().stream().allMatch(HealthStatus.NAME_UP::equals);
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("status", up ? HealthStatus.NAME_UP : HealthStatus.NAME_DOWN);
        ordered.putAll(body);
        if (up) {
            return HttpResponse.ok(ordered);
        }
        return HttpResponse.<Map<String, String>>status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(ordered);
    }
}
