package dev.authplatform.auth.key;

import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.revocation.RevocationWriter;
import dev.authplatform.auth.token.TokenSettings;
import dev.authplatform.common.api.KeyStatus;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Emergency revocation of a leaked key, signing or refresh-token: recorded in PostgreSQL (with a new current key when
 * it was current), then announced like every revocation, so that every verifier refuses every token the key signed
 * within the propagation bound, without waiting for a JWKS refresh, and every other instance stops using it.
 */
@Singleton
public class KeyRevocation {

    private final KeyStore signingKeys;
    private final RefreshTokenKeys refreshKeys;
    private final RevocationWriter writer;
    private final SecurityAudit audit;
    private final Duration refusal;

    KeyRevocation(KeyStore signingKeys, RefreshTokenKeys refreshKeys, RevocationWriter writer, SecurityAudit audit,
                  KeySettings keySettings, TokenSettings tokenSettings, VerifierSettings verifierSettings) {
        this.signingKeys = signingKeys;
        this.refreshKeys = refreshKeys;
        this.writer = writer;
        this.audit = audit;
        Duration tokenLife = tokenSettings.longestTokenLife().plus(verifierSettings.clockSkew());
        this.refusal = keySettings.revokedRefusal().compareTo(tokenLife) > 0 ? keySettings.revokedRefusal() : tokenLife;
    }

    /** Every key, signing keys first, each newest first. */
    public List<KeyStatus> keys() {
        List<KeyStatus> all = new ArrayList<>(signingKeys.statuses());
        all.addAll(refreshKeys.statuses());
        return all;
    }

    /** Revokes the key named {@code kid}; empty if auth-service has no such key. Revoking it again announces it again. */
    public Optional<KeyStatus> revoke(String kid, String admin) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Optional<KeyStatus> revoked = signingKeys.revoke(kid, now).or(() -> refreshKeys.revoke(kid, now));
        revoked.ifPresent(key -> {
            // this instance first uses its new key, then everyone is told
            signingKeys.refreshNow();
            refreshKeys.refreshNow();
            writer.keyRevoked(kid, key.revokedAt().plus(refusal));
            audit.keyRevoked(admin, kid, key.use());
        });
        return revoked;
    }

    /** Revocations whose refusal is still announced: for the seeder, when Redis lost its data. */
    public List<KeyStatus> stillRefused(Instant now) {
        List<KeyStatus> refused = new ArrayList<>(signingKeys.revokedSince(now.minus(refusal)));
        refused.addAll(refreshKeys.revokedSince(now.minus(refusal)));
        return refused;
    }

    /** Until when a key revoked at that instant is announced as refused. */
    public Instant refusedUntil(Instant revokedAt) {
        return revokedAt.plus(refusal);
    }
}
