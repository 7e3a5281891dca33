package dev.authplatform.auth.oauth.signin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SigninSessionRepository extends GenericRepository<SigninSessionRow, String> {

    SigninSessionRow save(SigninSessionRow session);

    Optional<SigninSessionRow> findById(String idHash);

    @Query("UPDATE signin_sessions SET revoked_at = :now WHERE id_hash = :idHash AND revoked_at IS NULL")
    int revoke(String idHash, Instant now);

    @Query("UPDATE signin_sessions SET revoked_at = :now WHERE user_id = :userId AND revoked_at IS NULL")
    int revokeAllOf(java.util.UUID userId, Instant now);
}
