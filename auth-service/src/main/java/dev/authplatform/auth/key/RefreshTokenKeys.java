package dev.authplatform.auth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
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
 * made at the same moment) reloads them, at most once a second.
 */
@Singleton
public class RefreshTokenKeys {

    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final RefreshTokenKeyRepository rows;
    private final PrivateKeyProtection protection;

    private volatile Loaded loaded;
    private volatile Instant lastLoad = Instant.EPOCH;

    RefreshTokenKeys(RefreshTokenKeyRepository rows, PrivateKeyProtection protection) {
        this.rows = rows;
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
        return (now != null ? now : load()).current();
    }

    /** The verifier of the key named {@code kid}, if this service made it. */
    public Optional<JWSVerifier> verifier(String kid) {
        Loaded now = loaded != null ? loaded : load();
        JWSVerifier verifier = now.verifiers().get(kid);
        if (verifier == null && Instant.now().isAfter(lastLoad.plus(RELOAD_AT_MOST_EVERY))) {
            verifier = load().verifiers().get(kid);
        }
        return Optional.ofNullable(verifier);
    }

    private synchronized Loaded load() {
        List<RefreshTokenKeyRow> stored = rows.findAllOrderByCreatedAtDesc();
        if (stored.isEmpty()) {
            rows.save(generate());
            stored = rows.findAllOrderByCreatedAtDesc();
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
            return new RefreshTokenKeyRow(key.getKeyID(), protection.seal(key), Instant.now().truncatedTo(ChronoUnit.MICROS));
        } catch (JOSEException e) {
            throw new IllegalStateException("refresh-token key generation failed", e);
        }
    }
}
