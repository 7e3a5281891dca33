package dev.authplatform.common.metrics;

import dev.authplatform.common.web.ProblemResponses;
import dev.authplatform.common.web.ProblemTypes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.BasicAuth;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics} (or {@code auth.metrics.path}): every meter in Prometheus's text format. Labels are bounded
 * by construction: routes are templates, outcomes and reasons are fixed words, never a user, client or token.
 */
@Controller("${auth.metrics.path:/metrics}")
@Requires(beans = PrometheusMeterRegistry.class)
@Secured(SecurityRule.IS_ANONYMOUS)
class MetricsController {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final byte[] password;

    MetricsController(PrometheusMeterRegistry registry, MetricsSettings settings) {
        this.registry = registry;
        this.password = settings.password().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code credentials}: Micronaut's reading of an HTTP Basic header, when the scrape sent one. */
    @Get(produces = PROMETHEUS_TEXT)
    HttpResponse<?> scrape(@Nullable BasicAuth credentials) {
        byte[] offered = credentials == null ? new byte[0] : credentials.getPassword().getBytes(StandardCharsets.UTF_8);
        if (password.length > 0 && !MessageDigest.isEqual(password, offered)) {
            return ProblemResponses.of(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthorized",
                            "The metrics need the scrape password (HTTP Basic).")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"metrics\"");
        }
        return HttpResponse.ok(registry.scrape()).contentType(PROMETHEUS_TEXT);
    }
}
