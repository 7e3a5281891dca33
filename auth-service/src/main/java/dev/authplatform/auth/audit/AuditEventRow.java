package dev.authplatform.auth.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code audit_events}; {@code id} orders events as they were recorded. */
@MappedEntity("audit_events")
public record AuditEventRow(@Id @GeneratedValue @Nullable Long id,
                            Instant occurredAt,
                            String kind,
                            String outcome,
                            @Nullable String actor,
                            @Nullable String subject,
                            @Nullable String clientId,
                            @Nullable String address,
                            @Nullable String detail,
                            @Nullable String requestId) {
}
