package dev.authplatform.auth.oauth.client;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Registered clients in PostgreSQL. A deleted client is a tombstone (deleted_at) until its tokens have expired. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ClientRepository extends GenericRepository<ClientRow, String> {

    ClientRow save(ClientRow client);

    ClientRow update(ClientRow client);

    /** Any row with that id, tombstones included: an id stays taken until its tombstone is purged. */
    Optional<ClientRow> findById(String clientId);

    @Query("SELECT * FROM oauth_clients WHERE deleted_at IS NULL ORDER BY created_at, client_id")
    List<ClientRow> findAllLive();

    /** Clients whose revocation may still cover a live token: what Redis must hold. */
    @Query("SELECT * FROM oauth_clients WHERE tokens_not_before > :since")
    List<ClientRow> findWithTokensNotBeforeAfter(Instant since);

    @Query("DELETE FROM oauth_clients WHERE deleted_at < :cutoff")
    int purgeDeletedBefore(Instant cutoff);
}
