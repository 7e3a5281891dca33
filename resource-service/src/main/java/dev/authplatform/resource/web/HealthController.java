package dev.authplatform.resource.web;

import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RevocationView;
import dev.authplatform.common.web.HealthResponse;
import dev.authplatform.common.verify.JwksKeySource;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: UP (200) when Redis answers, the issuer's keys are known and the revocation view is
 * current; else DOWN (503). Keys fetched earlier keep it UP while auth-service is down: tokens still verify.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class HealthController {

    private final RedisLink redis;
    private final JwksKeySource keys;
    private final RevocationView revocations;

    HealthController(RedisLink redis, JwksKeySource keys, RevocationView revocations) {
        this.redis = redis;
        this.keys = keys;
        this.revocations = revocations;
    }

    /** {@code {"status": "UP", "redis": "UP", "jwks": "UP", "revocation": "UP"}}. */
    @Get("/health")
    HttpResponse<Map<String, String>> health() {
        Map<String, Boolean> components = new LinkedHashMap<>();
        components.put("redis", redis.ping());
        components.put("jwks", keys.hasKeys());
        components.put("revocation", revocations.unavailableReason().isEmpty());
        return HealthResponse.of(components);
    }
}
