package dev.authplatform.auth.mfa;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RecoveryCodeRepository extends GenericRepository<RecoveryCodeRow, String> {

    RecoveryCodeRow save(RecoveryCodeRow row);

    /** Single use: of two simultaneous uses of a code exactly one sees 1. */
    @Query("UPDATE mfa_recovery_codes SET used_at = :now WHERE code_hash = :codeHash AND user_id = :userId AND used_at IS NULL")
    int use(String codeHash, UUID userId, Instant now);

    @Query("SELECT count(*) FROM mfa_recovery_codes WHERE user_id = :userId AND used_at IS NULL")
    long countUnused(UUID userId);

    @Query("DELETE FROM mfa_recovery_codes WHERE user_id = :userId")
    int removeAll(UUID userId);
}
