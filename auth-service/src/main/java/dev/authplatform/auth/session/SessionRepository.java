package dev.authplatform.auth.session;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions in PostgreSQL: the record of who is logged in, and of every revocation. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SessionRepository extends GenericRepository<SessionRow, UUID> {

    SessionRow save(SessionRow session);

    Optional<SessionRow> findById(UUID id);

    /**
     * Single use, decided by PostgreSQL: the presented refresh id is swapped for the next one only if it is still
     * the session's current one, in one statement. Of several simultaneous refreshes exactly one sees 1.
     */
    /**
     * Swaps the session's refresh token, unless it was used already, the session ended, or the key that signed the
     * presented token ({@code keyId}) has been revoked: checked here, in the same statement, so that every instance
     * refuses it from the moment the revocation commits.
     */
    @Query("""
            UPDATE sessions SET refresh_jti = :next, previous_refresh_jti = :presented, last_used_at = :now
            WHERE id = :id AND refresh_jti = :presented AND revoked_at IS NULL AND expires_at > :now
            AND NOT EXISTS (SELECT 1 FROM refresh_token_keys WHERE kid = :keyId AND revoked_at IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM signing_keys WHERE kid = :keyId AND revoked_at IS NOT NULL)""")
    int rotateRefresh(UUID id, UUID presented, UUID next, Instant now, String keyId);

    @Query("UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
    int revoke(UUID id, Instant now);

    @Query("SELECT id FROM sessions WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now")
    List<UUID> findActiveIds(UUID userId, Instant now);

    @Query("SELECT * FROM sessions WHERE user_id = :userId AND revoked_at IS NULL AND expires_at > :now ORDER BY last_used_at DESC, id")
    List<SessionRow> findActive(UUID userId, Instant now);

    @Query("SELECT count(*) FROM sessions WHERE revoked_at IS NULL AND expires_at > :now")
    long countActive(Instant now);

    @Query("SELECT id FROM sessions WHERE signin_session = :signinSession AND revoked_at IS NULL")
    List<UUID> findActiveIdsStartedFrom(String signinSession);

    @Query("SELECT id FROM sessions WHERE user_id = :userId AND client_id = :clientId AND revoked_at IS NULL")
    List<UUID> findActiveIdsWithClient(UUID userId, String clientId);

    @Query("DELETE FROM sessions WHERE expires_at < :cutoff OR revoked_at < :cutoff")
    int deleteEndedBefore(Instant cutoff);

    /** Revoked sessions whose access tokens may still be alive: what Redis must hold. */
    @Query("SELECT * FROM sessions WHERE revoked_at > :since")
    List<SessionRow> findRevokedSince(Instant since);
}
