package dev.authplatform.auth.revocation;

import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.key.KeyRevocation;
import dev.authplatform.common.api.KeyStatus;
import dev.authplatform.auth.oauth.client.ClientRow;
import dev.authplatform.auth.oauth.client.ClientRepository;
import dev.authplatform.auth.session.SessionRepository;
import dev.authplatform.auth.session.SessionRow;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.common.revocation.RevocationKeys;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/**
 * Keeps Redis a faithful copy of every revocation that still matters. Redis may lose its data (restart
 * without persistence, failover): the generation marker is then gone, every verifier counts its view as not
 * loaded, and this re-seeds every still-relevant revocation from PostgreSQL before it sets a new marker.
 * It also replays revocations whose Redis write failed, and, once after start, every revocation that still matters: an
 * instance that died between committing a revocation and announcing it announces it when it starts again.
 */
@Singleton
public class RevocationSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(RevocationSeeder.class);

    private final RedisLink redis;
    private final RevocationKeys keys;
    private final RevocationWriter writer;
    private final SessionRepository sessions;
    private final UserRepository users;
    private final ClientRepository clients;
    private final RevokedTokenRepository revokedTokens;
    private final KeyRevocation keyRevocation;
    private volatile boolean replayedSinceStart;

    RevocationSeeder(RedisLink redis, RedisRevocationView view, RevocationWriter writer, SessionRepository sessions,
                     UserRepository users, ClientRepository clients, RevokedTokenRepository revokedTokens,
                     KeyRevocation keyRevocation) {
        this.keyRevocation = keyRevocation;
        this.redis = redis;
        this.keys = view.keys();
        this.writer = writer;
        this.sessions = sessions;
        this.users = users;
        this.clients = clients;
        this.revokedTokens = revokedTokens;
    }

    @Scheduled(fixedDelay = "500ms", initialDelay = "0s")
    void check() {
        try {
            String generation = redis.await(commands -> commands.hget(keys.state(), RevocationKeys.GENERATION_FIELD));
            if (generation == null || writer.replayNeeded() || !replayedSinceStart) {
                seed(generation == null);
            }
        } catch (RuntimeException e) {
            LOG.debug("revocation seeding deferred: {}", e.toString());
        }
    }

    /** Single-token revocations are needed only until the token expires; they go an hour later at the latest. */
    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    void forgetExpiredTokenRevocations() {
        try {
            revokedTokens.deleteExpiredBefore(Instant.now());
        } catch (RuntimeException e) {
            LOG.debug("token revocation cleanup deferred: {}", e.toString());
        }
    }

    /** Copies every revocation PostgreSQL holds that may still cover a live access token, then marks the store seeded. */
    void seed(boolean newGeneration) {
        writer.replayed();
        if (newGeneration) {
            // numbers start again under the new generation: a log left from the old one must not be replayed as new
            redis.await(commands -> commands.del(keys.log()));
        }
        Instant now = Instant.now();
        Instant since = now.minus(writer.keep());
        int count = 0;
        for (SessionRow session : sessions.findRevokedSince(since)) {
            writer.writeSessionRevoked(session.id(), session.revokedAt());
            count++;
        }
        for (UserRow user : users.findWithTokensNotBeforeAfter(since)) {
            writer.writeUserTokensBefore(user.id(), user.tokensNotBefore());
            count++;
        }
        for (ClientRow client : clients.findWithTokensNotBeforeAfter(since)) {
            writer.writeClientTokensBefore(client.clientId(), client.tokensNotBefore());
            count++;
        }
        for (RevokedTokenRow token : revokedTokens.findUnexpired(now)) {
            writer.writeTokenRevoked(token.jti().toString(), token.expiresAt());
            count++;
        }
        for (KeyStatus key : keyRevocation.stillRefused(now)) {
            writer.writeKeyRevoked(key.kid(), keyRevocation.refusedUntil(key.revokedAt()));
            count++;
        }
        if (writer.replayNeeded()) {
            return; // Redis failed again half way: try the whole seed again on the next tick
        }
        replayedSinceStart = true;
        if (newGeneration) {
            String generation = UUID.randomUUID().toString();
            if (redis.await(commands -> commands.hsetnx(keys.state(), RevocationKeys.GENERATION_FIELD, generation))) {
                redis.await(commands -> commands.publish(keys.channel(), RevocationKeys.generationEvent(generation)));
                LOG.info("revocation store seeded from PostgreSQL: {} entries, generation {}", count, generation);
            }
        } else if (count > 0) {
            LOG.info("revocations replayed to Redis from PostgreSQL: {} entries", count);
        }
    }
}
