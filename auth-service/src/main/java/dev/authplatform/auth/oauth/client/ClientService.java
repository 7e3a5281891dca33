package dev.authplatform.auth.oauth.client;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.revocation.RevocationWriter;
import dev.authplatform.auth.web.UniqueViolation;
import dev.authplatform.common.api.Problem;
import dev.authplatform.common.verify.VerifierSettings;
import dev.authplatform.common.web.InvalidFields;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The client registry: registration rules, secrets, and the client's life (disable, enable, rotate, delete). Every
 * change that must stop a client's tokens raises its {@code tokens_not_before} in PostgreSQL first and then announces
 * it to every verifier through {@link RevocationWriter}, exactly as for users.
 */
@Singleton
public class ClientService {

    private static final Logger LOG = LoggerFactory.getLogger(ClientService.class);

    public static final String AUTHORIZATION_CODE = "authorization_code";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** The consoles' client: defined by auth-service at every start, never changed through the API. */
    public static final String BUILT_IN_CONSOLE = "authplatform-console";

    private final ClientRepository clients;
    private final RevocationWriter revocations;
    private final VerifierSettings settings;
    private final SecurityAudit audit;

    ClientService(ClientRepository clients, RevocationWriter revocations, VerifierSettings settings, SecurityAudit audit) {
        this.clients = clients;
        this.revocations = revocations;
        this.settings = settings;
        this.audit = audit;
    }

    /** The client with this id if it exists, is not deleted and is enabled: the only clients that may authenticate. */
    public Optional<ClientRow> findActive(String clientId) {
        return clientId == null ? Optional.empty()
                : clients.findById(clientId).filter(c -> c.deletedAt() == null && c.enabled());
    }

    /**
     * Names the clients of a list of sessions: each client's name (its id once it is gone), or the JSON API's
     * password sign-in for a session of no client; each client is read once per list.
     */
    public Function<String, String> sessionClientNames() {
        Map<String, String> names = new HashMap<>();
        return clientId -> clientId == null ? "Signed in with your password (API)"
                : names.computeIfAbsent(clientId, id -> findActive(id).map(ClientRow::name).orElse(id));
    }

    /** How many clients exist (not deleted). */
    public long countLive() {
        return clients.countLive();
    }

    public List<ClientResponse> list() {
        return clients.findAllLive().stream().map(c -> toResponse(c, null)).toList();
    }

    public ClientResponse get(String clientId) {
        return toResponse(live(clientId), null);
    }

    public ClientResponse create(ClientRequest request, String admin) {
        String clientId = request.clientId() == null ? "client-" + UUID.randomUUID() : request.clientId();
        String jwks = checked(request, clientId);
        if (clients.findById(clientId).isPresent()) {
            throw clientIdTaken();
        }
        String secret = needsSecret(request.type(), jwks) ? ClientSecrets.generate() : null;
        Instant now = now();
        ClientRow row = new ClientRow(clientId, request.name(), request.type(), secret == null ? null : ClientSecrets.hash(secret),
                ClientRow.join(request.grantTypes().stream().distinct().toList()), ClientRow.join(request.redirectUrisOrEmpty()),
                ClientRow.join(request.postLogoutRedirectUrisOrEmpty()), ClientRow.join(request.scopesOrEmpty()),
                ClientRow.join(request.rolesOrEmpty()), Boolean.TRUE.equals(request.firstParty()), jwks, true, now, now, null, null,
                request.backchannelLogoutUri(), Boolean.TRUE.equals(request.backchannelLogoutSessionRequired()));
        try {
            clients.save(row);
        } catch (DataAccessException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw clientIdTaken(); // the other of two simultaneous registrations won
            }
            throw e;
        }
        audit.clientChanged(admin, "create", clientId);
        return toResponse(row, secret);
    }

    /**
     * Replaces a client's registration (its id stays). Taking anything away (a grant type, a scope, a role, its keys)
     * refuses its tokens issued so far everywhere: they may carry what it may no longer have.
     */
    public ClientResponse update(String clientId, ClientRequest request, String admin) {
        ClientRow current = changeable(clientId);
        String jwks = checked(request, clientId);
        boolean narrowed = !Set.copyOf(request.grantTypes()).containsAll(current.grantTypeList())
                || !Set.copyOf(request.scopesOrEmpty()).containsAll(current.scopeList())
                || !Set.copyOf(request.rolesOrEmpty()).containsAll(current.roleList())
                || (current.jwks() != null && !current.jwks().equals(jwks))
                || !current.type().equals(request.type());
        String secret = null;
        String secretHash = needsSecret(request.type(), jwks) ? current.secretHash() : null;
        if (needsSecret(request.type(), jwks) && secretHash == null) {
            secret = ClientSecrets.generate(); // it had none (public, or keys only): it gets one, shown in this answer
            secretHash = ClientSecrets.hash(secret);
        }
        Instant now = now();
        Instant notBefore = narrowed ? notBeforeFrom(now) : current.tokensNotBefore();
        ClientRow updated = clients.update(new ClientRow(clientId, request.name(), request.type(), secretHash,
                ClientRow.join(request.grantTypes().stream().distinct().toList()), ClientRow.join(request.redirectUrisOrEmpty()),
                ClientRow.join(request.postLogoutRedirectUrisOrEmpty()), ClientRow.join(request.scopesOrEmpty()),
                ClientRow.join(request.rolesOrEmpty()), Boolean.TRUE.equals(request.firstParty()), jwks, current.enabled(),
                current.createdAt(), now, notBefore, null, request.backchannelLogoutUri(),
                Boolean.TRUE.equals(request.backchannelLogoutSessionRequired())));
        if (narrowed) {
            revocations.clientTokensBefore(clientId, notBefore);
        }
        audit.clientChanged(admin, narrowed ? "update-narrowed" : "update", clientId);
        return toResponse(updated, secret);
    }

    /** A new secret, shown once; the old one stops working and every token issued so far is refused (a leak). */
    public ClientResponse rotateSecret(String clientId, String admin) {
        ClientRow current = changeable(clientId);
        if (!needsSecret(current.type(), current.jwks())) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "No secret to rotate",
                    "This client authenticates without a secret (public, or with its registered keys).");
        }
        String secret = ClientSecrets.generate();
        ClientRow rotated = stopTokens(current, ClientSecrets.hash(secret), current.enabled(), null);
        audit.clientChanged(admin, "rotate-secret", clientId);
        return toResponse(rotated, secret);
    }

    public ClientResponse setEnabled(String clientId, boolean enabled, String admin) {
        ClientRow current = changeable(clientId);
        ClientRow changed = enabled
                ? clients.update(copy(current, current.secretHash(), true, now(), current.tokensNotBefore(), null))
                : stopTokens(current, current.secretHash(), false, null);
        audit.clientChanged(admin, enabled ? "enable" : "disable", clientId);
        return toResponse(changed, null);
    }

    /** Deletes the client: it is gone from the API at once, and its tokens are refused everywhere. */
    public void delete(String clientId, String admin) {
        ClientRow current = changeable(clientId);
        stopTokens(current, null, false, now());
        audit.clientChanged(admin, "delete", clientId);
    }

    /** Tombstones are kept while a token of the client could still be alive, then removed (hourly). */
    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void purgeTombstones() {
        try {
            clients.purgeDeletedBefore(Instant.now().minus(revocations.keep()));
        } catch (RuntimeException e) {
            LOG.debug("client tombstone purge deferred: {}", e.toString());
        }
    }

    /** Every token issued before now is refused: PostgreSQL first (the seeder's source), then every verifier. */
    private ClientRow stopTokens(ClientRow current, String secretHash, boolean enabled, Instant deletedAt) {
        Instant now = now();
        Instant notBefore = notBeforeFrom(now);
        ClientRow changed = clients.update(copy(current, secretHash, enabled, now, notBefore, deletedAt));
        revocations.clientTokensBefore(current.clientId(), notBefore);
        return changed;
    }

    /**
     * Token times ({@code iat}) are whole seconds, so the cut-off is the next whole second: a token issued earlier in
     * this same second is covered. Tokens issued after the change carry {@code iat} no earlier than the cut-off (see
     * ClientCredentialsGrant), so the client is not locked out for the rest of the second.
     */
    private static Instant notBeforeFrom(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private static ClientRow copy(ClientRow c, String secretHash, boolean enabled, Instant updatedAt, Instant notBefore, Instant deletedAt) {
        return new ClientRow(c.clientId(), c.name(), c.type(), secretHash, c.grantTypes(), c.redirectUris(), c.postLogoutRedirectUris(),
                c.scopes(), c.roles(), c.firstParty(), c.jwks(), enabled, c.createdAt(), updatedAt, notBefore, deletedAt,
                c.backchannelLogoutUri(), c.backchannelLogoutSessionRequired());
    }

    /** Registers the built-in console client, or puts it back as auth-service defines it. */
    public void putBuiltInConsole(String name, List<String> redirectUris) {
        clients.putBuiltIn(BUILT_IN_CONSOLE, name, ClientRow.join(List.of(AUTHORIZATION_CODE, REFRESH_TOKEN)), ClientRow.join(redirectUris),
                "openid", now());
    }

    /** A client an admin may change: any live one but the built-in console's (changing it could lock every admin out). */
    private ClientRow changeable(String clientId) {
        ClientRow row = live(clientId);
        if (BUILT_IN_CONSOLE.equals(clientId)) {
            throw new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Built-in client",
                    "This is the platform's own console client; auth-service defines it at start and it cannot be changed.");
        }
        return row;
    }

    private ClientRow live(String clientId) {
        return clients.findById(clientId).filter(c -> c.deletedAt() == null).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not Found", "There is no client with this id."));
    }

    private static boolean needsSecret(String type, String jwks) {
        return ClientRow.CONFIDENTIAL.equals(type) && jwks == null;
    }

    /** The rules between fields; returns the key set as stored JSON (public keys only), or null. */
    private String checked(ClientRequest request, String clientId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> grants = new HashSet<>(request.grantTypes());
        boolean isPublic = ClientRow.PUBLIC.equals(request.type());
        if (clientId.equals(settings.audience())) {
            errors.add(new Problem.FieldError("clientId", "must not equal the API audience"));
        }
        if (isPublic && grants.contains(CLIENT_CREDENTIALS)) {
            errors.add(new Problem.FieldError("grantTypes", "a public client cannot use client_credentials: it cannot authenticate"));
        }
        if (grants.contains(REFRESH_TOKEN) && !grants.contains(AUTHORIZATION_CODE)) {
            errors.add(new Problem.FieldError("grantTypes", "refresh_token comes with authorization_code"));
        }
        if (grants.contains(AUTHORIZATION_CODE) && request.redirectUrisOrEmpty().isEmpty()) {
            errors.add(new Problem.FieldError("redirectUris", "authorization_code needs at least one redirect URI"));
        }
        checkRedirectUris("redirectUris", request.redirectUrisOrEmpty(), errors);
        checkRedirectUris("postLogoutRedirectUris", request.postLogoutRedirectUrisOrEmpty(), errors);
        if (request.backchannelLogoutUri() != null) {
            checkBackchannelLogoutUri(request.backchannelLogoutUri(), isPublic, grants.contains(AUTHORIZATION_CODE), errors);
        }
        if (!request.rolesOrEmpty().isEmpty() && (isPublic || !grants.contains(CLIENT_CREDENTIALS))) {
            errors.add(new Problem.FieldError("roles", "only a client_credentials client acts with roles of its own"));
        }
        String jwks = null;
        if (request.jwks() != null) {
            if (isPublic) {
                errors.add(new Problem.FieldError("jwks", "a public client has no keys"));
            } else {
                jwks = publicKeySet(request.jwks(), errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return jwks;
    }

    /** Exact strings, absolute, no fragment (RFC 6749 section 3.1.2); https, or http on the loopback only (RFC 8252). */
    private static void checkRedirectUris(String field, List<String> uris, List<Problem.FieldError> errors) {
        for (String value : uris) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
                boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
                if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null
                        || !("https".equals(scheme) || ("http".equals(scheme) && loopback))) {
                    errors.add(new Problem.FieldError(field, "must be an absolute https URI (http only on localhost) without a fragment"));
                    return;
                }
            } catch (URISyntaxException e) {
                errors.add(new Problem.FieldError(field, "must be a valid URI"));
                return;
            }
        }
    }

    /**
     * OpenID Connect Back-Channel Logout 1.0 section 2.2: absolute, no fragment; https, or http for a confidential
     * client (the platform allows it: a logout listener often sits inside the cluster, behind no TLS).
     */
    private static void checkBackchannelLogoutUri(String value, boolean isPublic, boolean signsUsersIn, List<Problem.FieldError> errors) {
        String field = "backchannelLogoutUri";
        if (!signsUsersIn) {
            errors.add(new Problem.FieldError(field, "only a client that signs users in (authorization_code) has sessions to hear about"));
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null
                    || !("https".equals(scheme) || ("http".equals(scheme) && !isPublic))) {
                errors.add(new Problem.FieldError(field, "must be an absolute https URI (http for a confidential client) without a fragment"));
            }
        } catch (URISyntaxException e) {
            errors.add(new Problem.FieldError(field, "must be a valid URI"));
        }
    }

    private static String publicKeySet(Map<String, Object> json, List<Problem.FieldError> errors) {
        try {
            JWKSet set = JWKSet.parse(json);
            if (set.getKeys().isEmpty()) {
                errors.add(new Problem.FieldError("jwks", "must hold at least one key"));
            } else if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
                errors.add(new Problem.FieldError("jwks", "must hold public keys only"));
            } else {
                return set.toString(true);
            }
        } catch (ParseException e) {
            errors.add(new Problem.FieldError("jwks", "must be a JWK Set (RFC 7517)"));
        }
        return null;
    }

    private static ClientResponse toResponse(ClientRow c, String secret) {
        Map<String, Object> jwks = null;
        if (c.jwks() != null) {
            try {
                jwks = JWKSet.parse(c.jwks()).toJSONObject(true);
            } catch (ParseException e) {
                throw new IllegalStateException("a stored key set does not parse", e);
            }
        }
        List<String> methods = c.isPublic() ? List.of("none")
                : c.jwks() != null ? List.of("private_key_jwt") : List.of("client_secret_basic", "client_secret_post");
        return new ClientResponse(c.clientId(), c.name(), c.type(), c.grantTypeList(), c.redirectUriList(), c.postLogoutRedirectUriList(),
                c.scopeList(), c.roleList(), c.firstParty(), jwks, methods, c.enabled(), c.createdAt(), c.updatedAt(),
                c.backchannelLogoutUri(), c.backchannelLogoutSessionRequired(), secret);
    }

    private static ProblemException clientIdTaken() {
        return new ProblemException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Client id taken",
                "A client with this id exists (or was deleted so recently that its tokens may still be alive).");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
