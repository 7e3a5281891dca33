package dev.authplatform.auth.oauth.consent;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ConsentRepository extends GenericRepository<ConsentRow, UUID> {

    @Query("SELECT * FROM consents WHERE user_id = :userId AND client_id = :clientId")
    Optional<ConsentRow> find(UUID userId, String clientId);

    @Query("SELECT * FROM consents WHERE user_id = :userId ORDER BY granted_at, client_id")
    List<ConsentRow> findByUser(UUID userId);

    @Query("""
            INSERT INTO consents (user_id, client_id, scopes, granted_at) VALUES (:userId, :clientId, :scopes, :grantedAt)
            ON CONFLICT (user_id, client_id) DO UPDATE SET scopes = :scopes, granted_at = :grantedAt""")
    int upsert(UUID userId, String clientId, String scopes, Instant grantedAt);

    @Query("DELETE FROM consents WHERE user_id = :userId AND client_id = :clientId")
    int delete(UUID userId, String clientId);
}
