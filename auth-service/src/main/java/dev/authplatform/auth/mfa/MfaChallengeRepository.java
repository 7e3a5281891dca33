package dev.authplatform.auth.mfa;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MfaChallengeRepository extends GenericRepository<MfaChallengeRow, String> {

    MfaChallengeRow save(MfaChallengeRow row);

    Optional<MfaChallengeRow> findById(String tokenHash);

    /** The challenge is answered: single use, decided by PostgreSQL. */
    @Query("UPDATE mfa_challenges SET used_at = :now WHERE token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now")
    int use(String tokenHash, Instant now);

    /** One more wrong code; past {@code tries} the challenge is void. */
    @Query("""
            UPDATE mfa_challenges SET failures = failures + 1,
                used_at = CASE WHEN failures + 1 >= :tries THEN :now ELSE used_at END
            WHERE token_hash = :tokenHash AND used_at IS NULL""")
    int fail(String tokenHash, int tries, Instant now);

    @Query("DELETE FROM mfa_challenges WHERE expires_at < :cutoff")
    int deleteExpiredBefore(Instant cutoff);
}
