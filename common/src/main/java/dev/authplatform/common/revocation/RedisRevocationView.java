package dev.authplatform.common.revocation;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The in-memory revocation view every verifying process keeps: loaded from Redis, then kept current by the
 * revocation channel. Requests read only memory.
 *
 * <p>Why it can vouch for itself: every probe interval it publishes a probe on the channel and must hear it
 * back; it checks the generation marker (gone means Redis lost its data and auth-service is re-seeding it).
 * Whenever the probe went unheard for longer than the staleness bound, or the generation changed, announcements
 * may have been missed, so the view counts as not loaded and reloads the whole store once the channel works
 * again. Until then {@link #unavailableReason()} says why, and protected requests get 503.
 */
@Context
public class RedisRevocationView implements RevocationView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationView.class);

    private final RedisLink redis;
    private final RevocationKeys keys;
    private final RevocationSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final String node = UUID.randomUUID().toString();
    private final AtomicLong probeSequence = new AtomicLong();
    private final ScheduledExecutorService scheduler;

    /** sid → epoch second until which its tokens are refused. */
    private final Map<String, Long> revokedSessions = new ConcurrentHashMap<>();
    /** subject → {not-before epoch second, epoch second until which the entry matters}. */
    private final Map<String, long[]> userNotBefore = new ConcurrentHashMap<>();

    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    private volatile boolean loaded;
    private volatile boolean markerSeen;
    private volatile String loadedGeneration;
    private volatile long lastProbeHeardNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile boolean wasCurrent;

    public RedisRevocationView(RedisLink redis, RevocationSettings settings) {
        this.redis = redis;
        this.settings = settings;
        this.keys = new RevocationKeys(settings.namespace());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("revocation-view").factory());
        redis.client().addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscription) {
                    // Whatever is announced until the re-subscription is lost to us: stop vouching for the view now.
                    loaded = false;
                }
            }
        });
        scheduler.scheduleWithFixedDelay(this::tick, 0, settings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isRevoked(String sessionId, String subject, Instant issuedAt) {
        if (revokedSessions.containsKey(sessionId)) {
            return true;
        }
        long[] notBefore = userNotBefore.get(subject);
        return notBefore != null && issuedAt.getEpochSecond() < notBefore[0];
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!markerSeen) {
            return Optional.of("the revocation store is not seeded (Redis unreachable or being re-seeded)");
        }
        if (!loaded) {
            return Optional.of("the revocation view is not loaded yet");
        }
        if (!probeHeardWithinBound()) {
            return Optional.of("the revocation channel has not been confirmed within " + settings.stalenessBound().toMillis() + " ms");
        }
        return Optional.empty();
    }

    /** Records a session revocation at once, before it is announced: the writer's own process refuses it on the next request. */
    public void recordSession(String sessionId, long until) {
        revokedSessions.merge(sessionId, until, Math::max);
    }

    /** Records a user-wide not-before at once (see {@link #recordSession}). */
    public void recordUser(String subject, long notBefore, long until) {
        userNotBefore.merge(subject, new long[]{notBefore, until},
                (a, b) -> new long[]{Math.max(a[0], b[0]), Math.max(a[1], b[1])});
    }

    public RevocationKeys keys() {
        return keys;
    }

    private boolean probeHeardWithinBound() {
        return System.nanoTime() - lastProbeHeardNanos <= settings.stalenessBound().toNanos();
    }

    private void tick() {
        try {
            if (!probeHeardWithinBound()) {
                // Announcements may have been lost while the channel was silent: reload when it works again.
                loaded = false;
            }
            subscribe();
            RedisCommands<String, String> commands = redis.sync();
            String generation = commands.get(keys.generation());
            markerSeen = generation != null;
            if (generation == null) {
                loaded = false;
            } else if (!loaded || !generation.equals(loadedGeneration)) {
                reload(commands);
                loadedGeneration = generation;
                loaded = true;
            }
            commands.publish(keys.channel(), RevocationKeys.probeEvent(node, probeSequence.incrementAndGet()));
            purgeExpired();
        } catch (RuntimeException e) {
            loaded = false;
            LOG.debug("revocation view tick failed: {}", e.toString());
        }
        boolean current = unavailableReason().isEmpty();
        if (current != wasCurrent) {
            wasCurrent = current;
            if (current) {
                LOG.info("revocation view is current ({} sessions, {} users revoked)", revokedSessions.size(), userNotBefore.size());
            } else {
                LOG.warn("revocation view is not current: {}", unavailableReason().orElse("?"));
            }
        }
    }

    private void subscribe() {
        if (subscription != null) {
            return; // Lettuce reconnects and re-subscribes by itself; the probe tells whether that worked.
        }
        StatefulRedisPubSubConnection<String, String> connection = redis.client().connectPubSub(StringCodec.UTF8);
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onEvent(message);
            }

            @Override
            public void subscribed(String channel, long count) {
                // (Re-)subscribed, after a reconnect too: reload at once rather than at the next tick.
                scheduler.execute(RedisRevocationView.this::tick);
            }
        });
        try {
            connection.sync().subscribe(keys.channel());
        } catch (RedisException e) {
            connection.close();
            throw e;
        }
        subscription = connection;
    }

    void onEvent(String message) {
        String[] parts = message.split(" ");
        try {
            switch (parts[0]) {
                case "S" -> recordSession(parts[1], Long.parseLong(parts[2]));
                case "U" -> recordUser(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
                case "P" -> {
                    if (node.equals(parts[1])) {
                        lastProbeHeardNanos = System.nanoTime();
                    }
                }
                default -> { } // "G": a re-seed finished; the next tick sees the new generation and reloads.
            }
        } catch (RuntimeException e) {
            LOG.warn("ignoring a malformed revocation event");
        }
    }

    /** Merges the whole store into memory. Entries are only ever added, so merging never undoes an event heard meanwhile. */
    private void reload(RedisCommands<String, String> commands) {
        load(commands, keys.sessionPattern(), (id, value) -> recordSession(id, Long.parseLong(value)));
        load(commands, keys.userPattern(), (id, value) -> {
            String[] parts = value.split(" ");
            recordUser(id, Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        });
        LOG.debug("revocation view reloaded: {} sessions, {} users", revokedSessions.size(), userNotBefore.size());
    }

    private void load(RedisCommands<String, String> commands, String pattern, BiConsumer<String, String> record) {
        List<String> batch = new ArrayList<>();
        ScanIterator<String> scan = ScanIterator.scan(commands, ScanArgs.Builder.matches(pattern).limit(1000));
        while (scan.hasNext()) {
            batch.add(scan.next());
            if (batch.size() == 500 || !scan.hasNext()) {
                for (KeyValue<String, String> entry : commands.mget(batch.toArray(String[]::new))) {
                    if (entry.hasValue()) {
                        keys.idOf(entry.getKey()).ifPresent(id -> record.accept(id, entry.getValue()));
                    }
                }
                batch.clear();
            }
        }
    }

    private void purgeExpired() {
        long now = clock.instant().getEpochSecond();
        revokedSessions.values().removeIf(until -> until < now);
        userNotBefore.values().removeIf(entry -> entry[1] < now);
    }

    @Override
    @PreDestroy
    public void close() {
        scheduler.shutdownNow();
        StatefulRedisPubSubConnection<String, String> current = subscription;
        if (current != null) {
            current.close();
        }
    }
}
