package dev.authplatform.auth.oauth.backchannel;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The logout notices still to deliver, and those delivered lately. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface BackchannelLogoutRepository extends GenericRepository<BackchannelLogoutRow, UUID> {

    /** Queues a notice for the session's client if that client listens; once per session, whoever asks again. */
    @Query("""
            INSERT INTO backchannel_logouts (session_id, client_id, user_id, queued_at, next_attempt_at)
            SELECT s.id, s.client_id, s.user_id, :now, :now FROM sessions s JOIN oauth_clients c ON c.client_id = s.client_id
            WHERE s.id = :sessionId AND c.backchannel_logout_uri IS NOT NULL AND c.enabled AND c.deleted_at IS NULL
            ON CONFLICT (session_id) DO NOTHING""")
    int queueFor(UUID sessionId, Instant now);

    Optional<BackchannelLogoutRow> findById(UUID sessionId);

    /** Notices due, locked for this transaction; those another instance holds are skipped, not waited for. */
    @Query("""
            SELECT * FROM backchannel_logouts WHERE finished_at IS NULL AND next_attempt_at <= :now
            ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<BackchannelLogoutRow> findDueForUpdate(Instant now, int limit);

    /** Counts an attempt and keeps the notice from every other instance until {@code until}. */
    @Query("UPDATE backchannel_logouts SET attempts = attempts + 1, next_attempt_at = :until WHERE session_id IN (:sessionIds)")
    int lease(List<UUID> sessionIds, Instant until);

    @Query("UPDATE backchannel_logouts SET next_attempt_at = :at WHERE session_id = :sessionId AND finished_at IS NULL")
    int retryAt(UUID sessionId, Instant at);

    @Query("UPDATE backchannel_logouts SET finished_at = :at, outcome = :outcome WHERE session_id = :sessionId AND finished_at IS NULL")
    int finish(UUID sessionId, Instant at, String outcome);

    @Query("DELETE FROM backchannel_logouts WHERE finished_at < :cutoff")
    int deleteFinishedBefore(Instant cutoff);
}
