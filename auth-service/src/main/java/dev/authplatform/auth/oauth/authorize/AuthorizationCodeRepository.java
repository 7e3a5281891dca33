package dev.authplatform.auth.oauth.authorize;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuthorizationCodeRepository extends GenericRepository<AuthorizationCodeRow, String> {

    AuthorizationCodeRow save(AuthorizationCodeRow code);

    Optional<AuthorizationCodeRow> findById(String codeHash);

    /** Single use, decided by PostgreSQL: of two simultaneous redemptions exactly one sees 1. */
    @Query("UPDATE authorization_codes SET used_at = :now WHERE code_hash = :codeHash AND used_at IS NULL AND expires_at > :now")
    int redeem(String codeHash, Instant now);

    @Query("UPDATE authorization_codes SET session_id = :sessionId WHERE code_hash = :codeHash")
    int recordSession(String codeHash, UUID sessionId);

    @Query("UPDATE authorization_codes SET replayed = true WHERE code_hash = :codeHash")
    int markReplayed(String codeHash);

    @Query("DELETE FROM authorization_codes WHERE expires_at < :cutoff")
    int deleteExpiredBefore(Instant cutoff);
}
