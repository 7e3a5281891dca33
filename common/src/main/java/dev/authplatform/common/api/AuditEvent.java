package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One security event of the audit trail ({@code GET /admin/audit}).
 *
 * @param id        increases in the order events were recorded
 * @param kind      what happened: {@code login}, {@code register}, {@code refresh-reuse}, {@code client-change}, ...
 * @param outcome   {@code success}, {@code failure} or {@code throttled}
 * @param actor     who acted: a user id, an admin's user id or a client id
 * @param subject   whom it concerns: a user id or a client id
 * @param clientId  the OAuth client involved
 * @param address   the client address the request came from
 * @param detail    {@code key=value} pairs particular to the kind (never a password, token or secret)
 * @param requestId the request's id ({@code X-Request-Id}), to find its log lines
 */
@Serdeable
public record AuditEvent(long id, Instant time, String kind, String outcome, @Nullable String actor, @Nullable String subject,
                         @Nullable String clientId, @Nullable String address, @Nullable String detail, @Nullable String requestId) {
}
