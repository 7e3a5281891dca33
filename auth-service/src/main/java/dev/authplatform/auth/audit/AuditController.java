package dev.authplatform.auth.audit;

import dev.authplatform.common.api.AuditEvent;
import dev.authplatform.common.api.AuditPage;
import dev.authplatform.common.claims.PlatformClaims;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/audit}: the audit trail, newest first (or {@code order=oldest}), filtered by any of: a user (as
 * actor or subject), a client, a kind, and a time range {@code [from, to)}. Admins only.
 */
@Controller("/admin/audit")
@Secured(PlatformClaims.ROLE_ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private static final Instant BEGINNING = Instant.EPOCH;
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    private final AuditRepository events;

    AuditController(AuditRepository events) {
        this.events = events;
    }

    @Get
    AuditPage list(@QueryValue @Nullable @Size(max = 200) String user,
                   @QueryValue @Nullable @Size(max = 200) String client,
                   @QueryValue @Nullable @Pattern(regexp = "[a-z-]{1,40}") String kind,
                   @QueryValue @Nullable Instant from,
                   @QueryValue @Nullable Instant to,
                   @QueryValue(defaultValue = "newest") @Pattern(regexp = "newest|oldest") String order,
                   @QueryValue(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                   @QueryValue(defaultValue = "50") @Min(1) @Max(200) int size) {
        Instant since = from == null ? BEGINNING : from;
        Instant until = to == null ? END : to;
        long offset = (long) page * size;
        List<AuditEventRow> rows = "oldest".equals(order)
                ? events.findOldestFirst(user, client, kind, since, until, size, offset)
                : events.findNewestFirst(user, client, kind, since, until, size, offset);
        List<AuditEvent> content = rows.stream().map(AuditController::toEvent).toList();
        return new AuditPage(content, page, size, events.countMatching(user, client, kind, since, until));
    }

    private static AuditEvent toEvent(AuditEventRow row) {
        return new AuditEvent(row.id(), row.occurredAt(), row.kind(), row.outcome(), row.actor(), row.subject(), row.clientId(),
                row.address(), row.detail(), row.requestId());
    }
}
