package dev.authplatform.auth.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Emailed single-use tokens in PostgreSQL. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountTokenRepository extends GenericRepository<AccountTokenRow, String> {

    AccountTokenRow save(AccountTokenRow token);

    Optional<AccountTokenRow> findById(String tokenHash);

    /** Single use, decided by PostgreSQL: of several simultaneous redemptions exactly one sees 1. */
    @Query("""
            UPDATE account_tokens SET used_at = :now
            WHERE token_hash = :tokenHash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
    int use(String tokenHash, String purpose, Instant now);

    /** Every still-usable token of this purpose for the user stops working (a newer one was sent, or one was used). */
    @Query("UPDATE account_tokens SET used_at = :now WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL")
    int retireAll(UUID userId, String purpose, Instant now);

    @Query("DELETE FROM account_tokens WHERE expires_at < :cutoff")
    int deleteExpiredBefore(Instant cutoff);
}
