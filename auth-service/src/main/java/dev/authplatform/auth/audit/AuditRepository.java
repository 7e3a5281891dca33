package dev.authplatform.auth.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends CrudRepository<AuditEventRow, Long> {

    String MATCHES = """
            (CAST(:user AS TEXT) IS NULL OR actor = :user OR subject = :user)
            AND (CAST(:client AS TEXT) IS NULL OR client_id = :client)
            AND (CAST(:kind AS TEXT) IS NULL OR kind = :kind)
            AND occurred_at >= :from AND occurred_at < :to""";

    /** Newest first; {@code id} breaks ties between events recorded in the same instant. */
    @Query("SELECT * FROM audit_events WHERE " + MATCHES + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
    List<AuditEventRow> findNewestFirst(@Nullable String user, @Nullable String client, @Nullable String kind,
                                        Instant from, Instant to, int limit, long offset);

    /** Oldest first: a flow read in the order it happened. */
    @Query("SELECT * FROM audit_events WHERE " + MATCHES + " ORDER BY id ASC LIMIT :limit OFFSET :offset")
    List<AuditEventRow> findOldestFirst(@Nullable String user, @Nullable String client, @Nullable String kind,
                                        Instant from, Instant to, int limit, long offset);

    @Query("SELECT COUNT(*) FROM audit_events WHERE " + MATCHES)
    long countMatching(@Nullable String user, @Nullable String client, @Nullable String kind, Instant from, Instant to);

    /** Deletes at most {@code limit} events older than the cutoff, oldest first; returns how many. */
    @Query("DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE occurred_at < :cutoff ORDER BY id LIMIT :limit)")
    int deleteOlderThan(Instant cutoff, int limit);
}
