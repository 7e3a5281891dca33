package dev.authplatform.auth.mail;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The emails still to send, and those sent lately. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface MailOutboxRepository extends GenericRepository<MailOutboxRow, UUID> {

    MailOutboxRow save(MailOutboxRow row);

    @Query("SELECT count(*) FROM mail_outbox WHERE finished_at IS NULL")
    long countWaiting();

    /** Messages due, locked for this transaction; those another instance holds are skipped, not waited for. */
    @Query("""
            SELECT * FROM mail_outbox WHERE finished_at IS NULL AND next_attempt_at <= :now
            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<MailOutboxRow> findDueForUpdate(Instant now, int limit);

    /** Counts an attempt and keeps the message from every other instance until {@code until}. */
    @Query("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = :until WHERE id IN (:ids)")
    int lease(List<UUID> ids, Instant until);

    @Query("UPDATE mail_outbox SET next_attempt_at = :at WHERE id = :id AND finished_at IS NULL")
    int retryAt(UUID id, Instant at);

    @Query("UPDATE mail_outbox SET finished_at = :at, outcome = :outcome WHERE id = :id AND finished_at IS NULL")
    int finish(UUID id, Instant at, String outcome);

    @Query("DELETE FROM mail_outbox WHERE finished_at < :cutoff")
    int deleteFinishedBefore(Instant cutoff);
}
