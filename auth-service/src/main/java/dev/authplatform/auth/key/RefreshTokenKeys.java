package dev.authplatform.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import dev.authplatform.common.api.KeyStatus;
import dev.authplatform.common.revocation.RevocationView;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The HMAC keys (HS256, 256 bits) refresh tokens are signed with. Only this service verifies refresh tokens, so the
 * key never leaves it, and signing one costs microseconds where an RSA-2048 signature costs about a millisecond of
 * CPU (three quarters of a refresh's CPU before, profiled with JFR). Keys live in PostgreSQL so that every instance
 * signs and verifies alike; the first instance to start makes one; an unknown {@code kid} (another instance's key,
 * made at the same moment) reloads them, at most once a second. A revoked key ({@link #revoke}) neither signs nor
 * verifies; another instance hears of it through the revocation view, and the session store refuses a token of a
 * revoked key whatever an instance has cached.
 */
@Singleton
public class RefreshTokenKeys {

    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final RefreshTokenKeyRepository rows;
    private final PrivateKeyProtection protection;
    private final RevocationView revocations;

    private volatile Loaded loaded;
    private volatile Instant lastLoad = Instant.EPOCH;

    RefreshTokenKeys(RefreshTokenKeyRepository rows, PrivateKeyProtection protection, RevocationView revocations) {
        this.rows = rows;
        this.revocations = revocations;
        this.protection = protection;
    }

    /** The current key: its {@code kid} and a signer. */
    public record Current(String kid, JWSSigner signer) {
        public JWSAlgorithm algorithm() {
            return JWSAlgorithm.HS256;
        }
    }

    private record Loaded(Current current, Map<String, JWSVerifier> verifiers) {
    }

    public Current current() {
        Loaded now = loaded;
        if (now == null || revocations.isKeyRevoked(now.current().kid())) {
            now = load();
        }
        return now.current();
    }

    /** The verifier of the key named {@code kid}, if this service made it. */
    public Optional<JWSVerifier> verifier(String kid) {
        if (revocations.isKeyRevoked(kid)) {
            return Optional.empty();
        }
        Loaded now = loaded != null ? loaded : load();
        JWSVerifier verifier = now.verifiers().get(kid);
        if (verifier == null && Instant.now().isAfter(lastLoad.plus(RELOAD_AT_MOST_EVERY))) {
            verifier = load().verifiers().get(kid);
        }
        return Optional.ofNullable(verifier);
    }

    /**
     * Revokes a key in an emergency: no refresh token it signed is accepted again (those sessions need a new sign-in),
     * and a new key signs from now on if it was the newest. Empty if there is no such key.
     */
    @Transactional
    public Optional<KeyStatus> revoke(String kid, Instant now) {
        if (rows.revoke(kid, now) == 1 && usable(rows.findAllOrderByCreatedAtDesc()).isEmpty()) {
            rows.save(generate());
        }
        return statuses().stream().filter(key -> key.kid().equals(kid)).findFirst();
    }

    /** Called after a revocation has committed, so this instance signs with the new key at once. */
    public void refreshNow() {
        load();
    }

    /** Every refresh-token key, newest first. */
    public List<KeyStatus> statuses() {
        List<RefreshTokenKeyRow> stored = rows.findAllOrderByCreatedAtDesc();
        String current = usable(stored).stream().findFirst().map(RefreshTokenKeyRow::kid).orElse(null);
        return stored.stream().map(row -> new KeyStatus(row.kid(), KeyStatus.USE_REFRESH, JWSAlgorithm.HS256.getName(),
                row.revokedAt() != null ? KeyStatus.REVOKED : row.kid().equals(current) ? KeyStatus.CURRENT : KeyStatus.RETIRED,
                row.createdAt(), null, row.revokedAt())).toList();
    }

    /** Keys revoked since then: the seeder announces them again when Redis lost its data. */
    public List<KeyStatus> revokedSince(Instant since) {
        return rows.findRevokedSince(since).stream().map(row -> new KeyStatus(row.kid(), KeyStatus.USE_REFRESH,
                JWSAlgorithm.HS256.getName(), KeyStatus.REVOKED, row.createdAt(), null, row.revokedAt())).toList();
    }

    private static List<RefreshTokenKeyRow> usable(List<RefreshTokenKeyRow> stored) {
        return stored.stream().filter(row -> row.revokedAt() == null).toList();
    }

    private synchronized Loaded load() {
        List<RefreshTokenKeyRow> stored = usable(rows.findAllOrderByCreatedAtDesc());
        if (stored.isEmpty()) {
            rows.save(generate());
            stored = usable(rows.findAllOrderByCreatedAtDesc());
        }
        try {
            Map<String, JWSVerifier> verifiers = new LinkedHashMap<>();
            Current current = null;
            for (RefreshTokenKeyRow row : stored) {
                OctetSequenceKey key = (OctetSequenceKey) protection.open(row.secretJwk());
                verifiers.put(row.kid(), new MACVerifier(key));
                if (current == null) {
                    current = new Current(row.kid(), new MACSigner(key));
                }
            }
            loaded = new Loaded(current, Map.copyOf(verifiers));
            lastLoad = Instant.now();
            return loaded;
        } catch (ParseException | JOSEException | ClassCastException e) {
            throw new IllegalStateException("a refresh-token key cannot be read", e);
        }
    }

    private RefreshTokenKeyRow generate() {
        try {
            OctetSequenceKey key = new OctetSequenceKeyGenerator(256).keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.HS256).generate();
            return new RefreshTokenKeyRow(key.getKeyID(), protection.seal(key), Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        } catch (JOSEException e) {
            throw new IllegalStateException("refresh-token key generation failed", e);
        }
    }
}
