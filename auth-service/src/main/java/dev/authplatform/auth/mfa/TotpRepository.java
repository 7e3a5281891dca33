package dev.authplatform.auth.mfa;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TotpRepository extends GenericRepository<TotpRow, UUID> {

    Optional<TotpRow> findById(UUID userId);

    /** A new, unconfirmed secret, replacing an unconfirmed one; never a confirmed one (0 then). */
    @Query("""
            INSERT INTO mfa_totp (user_id, secret, created_at) VALUES (:userId, :secret, :now)
            ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = EXCLUDED.created_at, last_step = 0
            WHERE mfa_totp.confirmed_at IS NULL""")
    int startEnrolment(UUID userId, String secret, Instant now);

    /**
     * Accepts a code's time step once: only a step later than every step accepted before moves {@code last_step},
     * in one statement, so of two simultaneous uses of a code exactly one sees 1.
     */
    @Query("UPDATE mfa_totp SET last_step = :step WHERE user_id = :userId AND last_step < :step")
    int acceptStep(UUID userId, long step);

    @Query("UPDATE mfa_totp SET confirmed_at = :now WHERE user_id = :userId AND confirmed_at IS NULL")
    int confirm(UUID userId, Instant now);

    @Query("DELETE FROM mfa_totp WHERE user_id = :userId")
    int remove(UUID userId);
}
