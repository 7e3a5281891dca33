package dev.authplatform.auth.revocation;

import dev.authplatform.auth.token.TokenSettings;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.common.revocation.RevocationChannel;
import dev.authplatform.revocation.RevocationEntry;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;
import dev.authplatform.auth.audit.SecurityMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Announces revocations that PostgreSQL has already recorded. In order: this process's own view (so
 * auth-service refuses the token on the very next request), the Redis entry (with a TTL: it matters only until
 * the last access token it covers has expired), then the channel (every other verifier). If Redis fails half
 * way, nothing is lost: PostgreSQL holds the revocation, and {@link RevocationSeeder} replays it to Redis as soon
 * as Redis answers again.
 */
@Singleton
public class RevocationWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationWriter.class);

    private final RedisLink redis;
    private final RedisRevocationView view;
    private final RevocationChannel channel;
    private final Duration keep;
    private final Duration pastExpiry;
    private final SecurityMetrics metrics;
    private volatile boolean replayNeeded;

    RevocationWriter(RedisLink redis, RedisRevocationView view, TokenSettings tokens, VerifierSettings verifier, SecurityMetrics metrics) {
        this.metrics = metrics;
        this.redis = redis;
        this.view = view;
        this.channel = view.channel();
        // An access token is accepted until exp + skew; after that, the entry protects nothing.
        this.keep = tokens.accessTtl().plus(verifier.clockSkew()).plusSeconds(5);
        this.pastExpiry = verifier.clockSkew().plusSeconds(5);
    }

    /** How long a revocation must be remembered from the moment it is made. */
    public Duration keep() {
        return keep;
    }

    public void sessionRevoked(UUID sessionId, Instant revokedAt) {
        metrics.revocation("session");
        writeSessionRevoked(sessionId, revokedAt);
    }

    /** Writes and announces without counting: for the seeder, replaying revocations made before. */
    void writeSessionRevoked(UUID sessionId, Instant revokedAt) {
        announce(RevocationEntry.session(sessionId.toString(), revokedAt.plus(keep).getEpochSecond()));
    }

    /** Every token of the user issued before {@code notBefore} is refused. */
    public void userTokensBefore(UUID userId, Instant notBefore) {
        metrics.revocation("user");
        writeUserTokensBefore(userId, notBefore);
    }

    /** Writes and announces without counting: for the seeder, replaying revocations made before. */
    void writeUserTokensBefore(UUID userId, Instant notBefore) {
        announce(RevocationEntry.user(userId.toString(), notBefore.getEpochSecond(), notBefore.plus(keep).getEpochSecond()));
    }

    /** One access token is refused until it would have expired anyway (RFC 7009). */
    public void tokenRevoked(String tokenId, Instant expiresAt) {
        metrics.revocation("token");
        writeTokenRevoked(tokenId, expiresAt);
    }

    /** Writes and announces without counting: for the seeder, replaying revocations made before. */
    void writeTokenRevoked(String tokenId, Instant expiresAt) {
        announce(RevocationEntry.token(tokenId, expiresAt.plus(pastExpiry).getEpochSecond()));
    }

    /** Every token of the client issued before {@code notBefore} is refused (client disabled, deleted or its secret rotated). */
    public void clientTokensBefore(String clientId, Instant notBefore) {
        metrics.revocation("client");
        writeClientTokensBefore(clientId, notBefore);
    }

    /** Writes and announces without counting: for the seeder, replaying revocations made before. */
    void writeClientTokensBefore(String clientId, Instant notBefore) {
        announce(RevocationEntry.client(clientId, notBefore.getEpochSecond(), notBefore.plus(keep).getEpochSecond()));
    }

    /**
     * Every token the key signed is refused, until {@code until}: for as long as a verifier may still hold the key from
     * a JWKS fetched before it was revoked (a token forged with a leaked key may claim any lifetime).
     */
    public void keyRevoked(String keyId, Instant until) {
        metrics.revocation("key");
        writeKeyRevoked(keyId, until);
    }

    /** Writes and announces without counting: for the seeder, replaying revocations made before. */
    void writeKeyRevoked(String keyId, Instant until) {
        announce(RevocationEntry.key(keyId, until.getEpochSecond()));
    }

    /** Whether a write failed since the last successful replay. */
    boolean replayNeeded() {
        return replayNeeded;
    }

    void replayed() {
        replayNeeded = false;
    }

    /**
     * Records the entry in this process's view, then writes it and its numbered announcement in one Redis step
     * ({@link RevocationChannel}).
     */
    private void announce(RevocationEntry entry) {
        view.record(entry);
        long ttl = entry.until() - Instant.now().getEpochSecond();
        if (ttl <= 0) {
            return;
        }
        try {
            redis.await(commands -> channel.announce(commands, entry, ttl));
        } catch (RuntimeException e) {
            replayNeeded = true;
            LOG.warn("revocation could not be written to Redis; it will be replayed from PostgreSQL when Redis answers");
        }
    }
}
