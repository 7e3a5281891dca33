package dev.authplatform.auth.audit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The audit trail ({@code auth.audit.*}).
 *
 * @param retention how long events are kept in PostgreSQL; older ones are deleted by the hourly cleanup
 */
@ConfigurationProperties("auth.audit")
public record AuditSettings(@Bindable(defaultValue = "90d") Duration retention) {
}
