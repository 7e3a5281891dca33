package dev.authplatform.auth.web;

import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RevocationView;
import dev.authplatform.common.web.HealthResponse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: UP (200) when PostgreSQL, Redis and the revocation view all are; else DOWN (503). */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class HealthController {

    private final DataSource dataSource;
    private final RedisLink redis;
    private final RevocationView revocations;

    HealthController(DataSource dataSource, RedisLink redis, RevocationView revocations) {
        // the injected bean joins transactions; a health check wants a plain pooled connection
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.redis = redis;
        this.revocations = revocations;
    }

    /** {@code {"status": "UP", "database": "UP", "redis": "UP", "revocation": "UP"}}. */
    @Get("/health")
    HttpResponse<Map<String, String>> health() {
        Map<String, Boolean> components = new LinkedHashMap<>();
        components.put("database", databaseUp());
        components.put("redis", redis.ping());
        components.put("revocation", revocations.unavailableReason().isEmpty());
        return HealthResponse.of(components);
    }

    private boolean databaseUp() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
