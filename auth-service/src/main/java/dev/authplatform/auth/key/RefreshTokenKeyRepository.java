package dev.authplatform.auth.key;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface RefreshTokenKeyRepository extends CrudRepository<RefreshTokenKeyRow, String> {

    List<RefreshTokenKeyRow> findAllOrderByCreatedAtDesc();

    @Query("UPDATE refresh_token_keys SET revoked_at = :now WHERE kid = :kid AND revoked_at IS NULL")
    int revoke(String kid, Instant now);

    /** Revoked keys whose refusal must still be announced: what Redis must hold. */
    @Query("SELECT * FROM refresh_token_keys WHERE revoked_at > :since")
    List<RefreshTokenKeyRow> findRevokedSince(Instant since);
}
