package dev.authplatform.common.metrics;

import dev.authplatform.common.web.ProblemResponses;
import dev.authplatform.common.web.ProblemTypes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

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

    @Get(produces = PROMETHEUS_TEXT)
    HttpResponse<?> scrape(@Header(HttpHeaders.AUTHORIZATION) @Nullable String authorization) {
        if (password.length > 0 && !MessageDigest.isEqual(password, basicPassword(authorization))) {
            return ProblemResponses.of(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED, "Unauthorized",
                            "The metrics need the scrape password (HTTP Basic).")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"metrics\"");
        }
        return HttpResponse.ok(registry.scrape()).contentType(PROMETHEUS_TEXT);
    }

    /** The password of an HTTP Basic header, or nothing. */
    private static byte[] basicPassword(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new byte[0];
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? new byte[0] : pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
