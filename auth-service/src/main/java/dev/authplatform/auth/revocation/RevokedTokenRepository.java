package dev.authplatform.auth.revocation;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Single access tokens revoked through {@code /oauth2/revoke}: the record the Redis entries are re-seeded from. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RevokedTokenRepository extends GenericRepository<RevokedTokenRow, UUID> {

    /** Records the revocation; a second revocation of the same token changes nothing. */
    @Query("INSERT INTO revoked_tokens (jti, revoked_at, expires_at) VALUES (:jti, :revokedAt, :expiresAt) ON CONFLICT (jti) DO NOTHING")
    int insert(UUID jti, Instant revokedAt, Instant expiresAt);

    @Query("SELECT * FROM revoked_tokens WHERE expires_at > :now")
    List<RevokedTokenRow> findUnexpired(Instant now);

    @Query("DELETE FROM revoked_tokens WHERE expires_at < :cutoff")
    int deleteExpiredBefore(Instant cutoff);
}
