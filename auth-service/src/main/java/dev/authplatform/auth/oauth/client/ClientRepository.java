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

    @Query("SELECT count(*) FROM oauth_clients WHERE deleted_at IS NULL")
    long countLive();

    /** Clients whose revocation may still cover a live token: what Redis must hold. */
    @Query("SELECT * FROM oauth_clients WHERE tokens_not_before > :since")
    List<ClientRow> findWithTokensNotBeforeAfter(Instant since);

    /**
     * The platform's own first-party client (the consoles) as auth-service defines it: created, or put back as it
     * must be (redirect URIs follow the issuer), keeping its creation time.
     */
    @Query("""
            INSERT INTO oauth_clients (client_id, name, type, grant_types, redirect_uris, post_logout_redirect_uris, scopes, roles,
                                       first_party, enabled, created_at, updated_at, backchannel_logout_session_required)
            VALUES (:clientId, :name, 'public', :grantTypes, :redirectUris, '', :scopes, '', true, true, :now, :now, false)
            ON CONFLICT (client_id) DO UPDATE SET name = EXCLUDED.name, type = 'public', secret_hash = NULL,
                grant_types = EXCLUDED.grant_types, redirect_uris = EXCLUDED.redirect_uris, scopes = EXCLUDED.scopes, roles = '',
                first_party = true, jwks = NULL, enabled = true, deleted_at = NULL, updated_at = EXCLUDED.updated_at""")
    void putBuiltIn(String clientId, String name, String grantTypes, String redirectUris, String scopes, Instant now);

    @Query("DELETE FROM oauth_clients WHERE deleted_at < :cutoff")
    int purgeDeletedBefore(Instant cutoff);
}
