package dev.authplatform.auth.key;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Signing keys in PostgreSQL, shared by every auth-service instance. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface SigningKeyRepository extends GenericRepository<SigningKeyRow, String> {

    @Query("SELECT * FROM signing_keys WHERE retired_at IS NULL")
    Optional<SigningKeyRow> findCurrent();

    /** Keys whose tokens may still be alive: the current one and retired ones inside their overlap. */
    @Query("SELECT * FROM signing_keys WHERE publish_until IS NULL OR publish_until > :now ORDER BY created_at DESC")
    List<SigningKeyRow> findPublished(Instant now);

    /** Adds a current key unless another instance just did (the partial unique index allows one). */
    @Query("""
            INSERT INTO signing_keys (kid, algorithm, public_jwk, private_jwk, created_at)
            VALUES (:kid, :algorithm, :publicJwk, :privateJwk, :createdAt)
            ON CONFLICT ((true)) WHERE retired_at IS NULL DO NOTHING""")
    int insertIfNoCurrent(String kid, String algorithm, String publicJwk, String privateJwk, Instant createdAt);

    @Query("UPDATE signing_keys SET retired_at = :now, publish_until = :publishUntil WHERE retired_at IS NULL")
    int retireCurrent(Instant now, Instant publishUntil);

    @Query("SELECT * FROM signing_keys WHERE kid = :kid")
    Optional<SigningKeyRow> findByKid(String kid);

    @Query("SELECT * FROM signing_keys ORDER BY created_at DESC")
    List<SigningKeyRow> findAllNewestFirst();

    /** Revokes a key: retired (if it was current) and unpublished at once. */
    @Query("""
            UPDATE signing_keys SET revoked_at = :now, retired_at = COALESCE(retired_at, :now), publish_until = :now
            WHERE kid = :kid AND revoked_at IS NULL""")
    int revoke(String kid, Instant now);

    /** Revoked keys whose refusal must still be announced: what Redis must hold. */
    @Query("SELECT * FROM signing_keys WHERE revoked_at > :since")
    List<SigningKeyRow> findRevokedSince(Instant since);
}
