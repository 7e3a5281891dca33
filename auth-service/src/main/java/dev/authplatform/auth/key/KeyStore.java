package dev.authplatform.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.authplatform.auth.token.TokenSettings;
import dev.authplatform.common.api.KeyStatus;
import dev.authplatform.common.api.SigningKeyInfo;
import dev.authplatform.common.revocation.RevocationView;
import dev.authplatform.common.verify.IssuerOwnKeys;
import dev.authplatform.common.verify.SigningKeys;
import dev.authplatform.common.verify.VerificationKey;
import dev.authplatform.common.verify.VerifierSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * auth-service's signing keys, kept in PostgreSQL so every instance signs with the same current key and a
 * restart invalidates nobody. One key is current; rotation retires it, and a retired key stays published
 * until every token it signed has expired ({@link TokenSettings#longestTokenLife()} plus the clock skew).
 * A cached copy serves signing and verification; it is reloaded every few seconds (another instance may
 * have rotated) and on an unknown {@code kid}. It is also this service's {@link SigningKeys}, so
 * auth-service verifies its own tokens without fetching its own JWKS. A key revoked in an emergency ({@link #revoke})
 * leaves the table's published keys at once; another instance hears of it through the revocation view and reloads
 * before it signs or verifies anything with that key again.
 */
@Context
public class KeyStore implements IssuerOwnKeys {

    private static final Logger LOG = LoggerFactory.getLogger(KeyStore.class);

    private final SigningKeyRepository repository;
    private final KeySettings keySettings;
    private final TokenSettings tokenSettings;
    private final VerifierSettings verifierSettings;
    private final ExecutorService blocking;
    private final PrivateKeyProtection protection;
    private final RevocationView revocations;

    private volatile Loaded loaded = new Loaded(null, Map.of(), List.of());
    private volatile Instant lastReload = Instant.EPOCH;

    /** What one read of the table gives: the key that signs, and every key that verifies. */
    private record Loaded(CurrentKey current, Map<String, VerificationKey> verification, List<JWK> published) {
    }

    /** The key that signs new tokens. */
    public record CurrentKey(String kid, JWSAlgorithm algorithm, JWSSigner signer) {
    }

    KeyStore(SigningKeyRepository repository, KeySettings keySettings, TokenSettings tokenSettings,
             VerifierSettings verifierSettings, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
             PrivateKeyProtection protection, RevocationView revocations) {
        this.revocations = revocations;
        this.repository = repository;
        this.keySettings = keySettings;
        this.tokenSettings = tokenSettings;
        this.verifierSettings = verifierSettings;
        this.blocking = blocking;
        this.protection = protection;
        algorithm(); // fail at start on an unknown algorithm setting
    }

    /** The current signing key; creates one if the database has none. */
    public CurrentKey current() {
        CurrentKey current = loaded.current;
        if (current == null) {
            ensureCurrentKey();
            current = reload().current;
        } else if (revocations.isKeyRevoked(current.kid())) {
            current = reload().current; // revoked by another instance: its replacement is committed already
        }
        if (current == null) {
            throw new IllegalStateException("no current signing key");
        }
        return current;
    }

    /** The public keys of every key whose tokens may still be alive. */
    public JWKSet publicKeySet() {
        if (loaded.current == null) {
            current();
        }
        return new JWKSet(loaded.published);
    }

    @Override
    public CompletionStage<Optional<VerificationKey>> find(String kid) {
        if (revocations.isKeyRevoked(kid)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        VerificationKey key = loaded.verification.get(kid);
        if (key != null) {
            return CompletableFuture.completedFuture(Optional.of(key));
        }
        if (Instant.now().isBefore(lastReload.plusSeconds(1))) {
            return CompletableFuture.completedFuture(Optional.empty()); // a flood of unknown kids costs one read a second
        }
        return CompletableFuture.supplyAsync(() -> Optional.ofNullable(reload().verification.get(kid)), blocking)
                .exceptionally(e -> Optional.empty());
    }

    @Override
    public boolean hasKeys() {
        return !loaded.verification.isEmpty();
    }

    /** Another instance revoked a key: its replacement is committed, and this instance reloads before it signs again. */
    @Override
    public void keyRevoked(String kid) {
        blocking.execute(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("signing keys could not be reloaded after a key revocation: {}", e.toString());
            }
        });
    }

    /** Makes a new current key; the previous one stays published until its tokens have expired. */
    @Transactional
    public SigningKeyInfo rotate() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant publishUntil = now.plus(tokenSettings.longestTokenLife()).plus(verifierSettings.clockSkew());
        repository.retireCurrent(now, publishUntil);
        JWK generated = generate();
        repository.insertIfNoCurrent(generated.getKeyID(), generated.getAlgorithm().getName(), generated.toPublicJWK().toJSONString(),
                protection.seal(generated), now);
        LOG.info("signing key rotated: new kid {} ({}), previous published until {}", generated.getKeyID(), generated.getAlgorithm(), publishUntil);
        return new SigningKeyInfo(generated.getKeyID(), generated.getAlgorithm().getName(), now);
    }

    /**
     * Revokes a key in an emergency: it is unpublished at once and, if it was current, replaced by a new current key
     * in the same transaction. Empty if there is no such key; a key revoked before stays as it was.
     */
    @Transactional
    public Optional<KeyStatus> revoke(String kid, Instant now) {
        Optional<SigningKeyRow> row = repository.findByKid(kid);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (repository.revoke(kid, now) == 1 && row.get().retiredAt() == null) {
            JWK generated = generate();
            repository.insertIfNoCurrent(generated.getKeyID(), generated.getAlgorithm().getName(), generated.toPublicJWK().toJSONString(),
                    protection.seal(generated), now);
            LOG.warn("signing key {} revoked; new current key {} ({})", kid, generated.getKeyID(), generated.getAlgorithm());
        } else {
            LOG.warn("signing key {} revoked", kid);
        }
        return repository.findByKid(kid).map(KeyStore::status);
    }

    /** Every signing key in the table, newest first. */
    public List<KeyStatus> statuses() {
        return repository.findAllNewestFirst().stream().map(KeyStore::status).toList();
    }

    /** Keys revoked since then: the seeder announces them again when Redis lost its data. */
    public List<KeyStatus> revokedSince(Instant since) {
        return repository.findRevokedSince(since).stream().map(KeyStore::status).toList();
    }

    private static KeyStatus status(SigningKeyRow row) {
        String state = row.revokedAt() != null ? KeyStatus.REVOKED : row.retiredAt() != null ? KeyStatus.RETIRED : KeyStatus.CURRENT;
        return new KeyStatus(row.kid(), KeyStatus.USE_ACCESS, row.algorithm(), state, row.createdAt(), row.retiredAt(), row.revokedAt());
    }

    /** Called after a rotation has committed, so this instance signs with the new key at once. */
    public void refreshNow() {
        reload();
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "0s")
    void scheduledReload() {
        try {
            if (loaded.current == null) {
                ensureCurrentKey();
            }
            reload();
        } catch (RuntimeException e) {
            LOG.warn("signing keys could not be reloaded: {}", e.toString());
        }
    }

    private void ensureCurrentKey() {
        if (repository.findCurrent().isEmpty()) {
            JWK generated = generate();
            int inserted = repository.insertIfNoCurrent(generated.getKeyID(), generated.getAlgorithm().getName(),
                    generated.toPublicJWK().toJSONString(), protection.seal(generated), Instant.now().truncatedTo(ChronoUnit.MILLIS));
            if (inserted == 1) {
                LOG.info("first signing key generated: kid {} ({})", generated.getKeyID(), generated.getAlgorithm());
            }
        }
    }

    private Loaded reload() {
        lastReload = Instant.now();
        CurrentKey current = null;
        Map<String, VerificationKey> verification = new HashMap<>();
        List<JWK> published = new ArrayList<>();
        for (SigningKeyRow row : repository.findPublished(Instant.now())) {
            try {
                JWK publicJwk = JWK.parse(row.publicJwk());
                published.add(publicJwk);
                VerificationKey.of(publicJwk).ifPresent(k -> verification.put(k.kid(), k));
                if (row.retiredAt() == null) {
                    current = new CurrentKey(row.kid(), JWSAlgorithm.parse(row.algorithm()), signerOf(protection.open(row.privateJwk())));
                }
            } catch (ParseException | JOSEException e) {
                LOG.error("signing key {} is unreadable and is skipped: {}", row.kid(), e.getMessage());
            }
        }
        Loaded fresh = new Loaded(current, Map.copyOf(verification), List.copyOf(published));
        loaded = fresh;
        return fresh;
    }

    private JWSAlgorithm algorithm() {
        return switch (keySettings.algorithm()) {
            case "RS256" -> JWSAlgorithm.RS256;
            case "ES256" -> JWSAlgorithm.ES256;
            case "EdDSA", "Ed25519" -> JWSAlgorithm.EdDSA;
            default -> throw new IllegalArgumentException("auth.keys.algorithm must be RS256, ES256 or EdDSA");
        };
    }

    private JWK generate() {
        JWSAlgorithm alg = algorithm();
        String kid = UUID.randomUUID().toString();
        try {
            if (JWSAlgorithm.RS256.equals(alg)) {
                return new RSAKeyGenerator(2048).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
            }
            if (JWSAlgorithm.ES256.equals(alg)) {
                return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
            }
            return new OctetKeyPairGenerator(Curve.Ed25519).keyID(kid).algorithm(alg).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    private static JWSSigner signerOf(JWK jwk) throws JOSEException {
        return switch (jwk) {
            case RSAKey rsa -> new RSASSASigner(rsa);
            case ECKey ec -> new ECDSASigner(ec);
            case OctetKeyPair okp -> new Ed25519Signer(okp);
            default -> throw new JOSEException("unsupported key type " + jwk.getKeyType());
        };
    }
}
