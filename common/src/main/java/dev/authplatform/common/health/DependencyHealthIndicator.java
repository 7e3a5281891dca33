package dev.authplatform.common.health;

import io.micronaut.management.health.indicator.HealthIndicator;

/**
 * A readiness indicator for one dependency of serving tokens (PostgreSQL, Redis, the revocation view, the JWKS):
 * together they make {@code GET /health}.
 */
public interface DependencyHealthIndicator extends HealthIndicator {
}
