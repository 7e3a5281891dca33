package dev.authplatform.auth.account;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts in PostgreSQL. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UserRepository extends GenericRepository<UserRow, UUID> {

    UserRow save(UserRow user);

    Optional<UserRow> findById(UUID id);

    Optional<UserRow> findByEmailNormalized(String emailNormalized);

    /** Creates the row unless the address is taken; 0 means it was (used for the bootstrap admin, never overwritten). */
    @Query("""
            INSERT INTO users (id, email, email_normalized, name, password_hash, roles, enabled, created_at)
            VALUES (:id, :email, :emailNormalized, :name, :passwordHash, :roles, true, :createdAt)
            ON CONFLICT (email_normalized) DO NOTHING""")
    int insertIfAbsent(UUID id, String email, String emailNormalized, String name, String passwordHash, String roles, Instant createdAt);

    @Query("SELECT * FROM users ORDER BY created_at, id LIMIT :limit OFFSET :offset")
    List<UserRow> findPage(int limit, long offset);

    @Query("SELECT count(*) FROM users")
    long countAll();

    /**
     * Accounts whose address or name contains {@code pattern} (a LIKE pattern, lower case, its wildcards escaped by the
     * caller), in the same order as {@link #findPage}.
     */
    @Query("""
            SELECT * FROM users WHERE email_normalized LIKE :pattern OR lower(name) LIKE :pattern
            ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
    List<UserRow> search(String pattern, int limit, long offset);

    @Query("SELECT count(*) FROM users WHERE email_normalized LIKE :pattern OR lower(name) LIKE :pattern")
    long countMatching(String pattern);

    @Query("UPDATE users SET name = :name WHERE id = :id")
    int updateName(UUID id, String name);

    @Query("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
    int updatePasswordHash(UUID id, String passwordHash);

    @Query("UPDATE users SET email_verified = true WHERE id = :id AND email_normalized = :emailNormalized")
    int markEmailVerified(UUID id, String emailNormalized);

    @Query("UPDATE users SET roles = :roles WHERE id = :id")
    int updateRoles(UUID id, String roles);

    @Query("UPDATE users SET enabled = :enabled WHERE id = :id")
    int updateEnabled(UUID id, boolean enabled);

    /** Tokens issued before this instant are refused (logout-all, disable). Only ever moves forward. */
    @Query("UPDATE users SET tokens_not_before = GREATEST(COALESCE(tokens_not_before, :notBefore), :notBefore) WHERE id = :id")
    int raiseTokensNotBefore(UUID id, Instant notBefore);

    @Query("SELECT * FROM users WHERE tokens_not_before > :since")
    List<UserRow> findWithTokensNotBeforeAfter(Instant since);
}
