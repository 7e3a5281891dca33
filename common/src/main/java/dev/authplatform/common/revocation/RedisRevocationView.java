package dev.authplatform.common.revocation;

import dev.authplatform.revocation.RevokedEntries;
import dev.authplatform.revocation.CurrencyLog;
import dev.authplatform.revocation.RevocationEntry;
import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The in-memory revocation view every verifying process keeps: loaded from Redis, then kept current by the
 * revocation channel. Requests read only memory.
 *
 * <p><b>Why no announcement can be missed silently.</b> Every announcement carries a sequence number, given by Redis
 * in the same step that stores and publishes it ({@link RevocationChannel}), so on one unbroken subscription the
 * numbers arrive without a hole. The view vouches for itself only while all of these hold:
 * <ol>
 *   <li>Redis has confirmed the subscription (the {@code subscribed} reply, which arrives in order on the
 *       subscription itself, after every reconnect too) and the connection has not dropped since;</li>
 *   <li>a reload has completed that <em>began</em> after the last event that could have cost it announcements.
 *       Each such event bumps {@link #invalidations}: a disconnect, every (re-)subscription, a hole in the
 *       sequence, a probe carrying a higher number than the view has heard, a changed generation, a silent
 *       channel. A reload records the count it began with, and a reload overtaken by a newer bump counts for
 *       nothing: that is what makes a reload racing a reconnect harmless;</li>
 *   <li>the reload began after Redis confirmed the subscription, and read the sequence number before the store:
 *       so an announcement is either numbered at most that and already in the store, or published later and
 *       delivered on the subscription;</li>
 *   <li>its own probe came back within the staleness bound, and over the subscription Redis last confirmed.</li>
 * </ol>
 * A lost announcement therefore shows up in one of three independent ways: the connection reports the drop;
 * Redis's re-subscription reply bumps the count; or, failing both, the next message heard (an announcement or any
 * verifier's probe, at most one probe interval away) carries a number beyond what the view has heard. Until it is
 * caught up, {@link #unavailableReason()} says why, and protected requests get 503.
 */
@Context
@Requires(property = RevocationView.SOURCE_PROPERTY, value = RevocationView.SOURCE_REDIS, defaultValue = RevocationView.SOURCE_REDIS)
// Built first of the eager beans, so its thread connects to Redis and loads the store while the main thread builds
// the rest (auth-service's database pool and migrations): start-up ends by waiting for the view to be current, and
// built after them it kept the main thread asleep for about 150 ms (a wall-clock profile of a start).
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RedisRevocationView implements RevocationView, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationView.class);
    private final CurrencyLog currency = new CurrencyLog(LOG, "Redis");

    private final RedisLink redis;
    private final RevocationKeys keys;
    private final RevocationChannel channel;
    private final RevocationSettings settings;
    private final String clientName;
    private final Clock clock = Clock.systemUTC();
    private final String node = UUID.randomUUID().toString();
    private final AtomicLong probeSequence = new AtomicLong();
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean catchUpQueued = new AtomicBoolean();

    private final RevokedEntries entries = new RevokedEntries();
    private final List<Runnable> announcementListeners = new CopyOnWriteArrayList<>();

    private volatile StatefulRedisPubSubConnection<String, String> subscription;
    /** Redis confirmed the subscription and the connection has not dropped since. */
    private volatile boolean subscribed;
    /** Bumped by everything that may have cost the view an announcement; see the class comment. */
    private final AtomicLong invalidations = new AtomicLong(1);
    /** The count of {@link #invalidations} the last completed reload began with; current only while equal. */
    private volatile long loadedAt;
    private volatile String invalidatedBecause = "not loaded yet";
    /** Every announcement numbered up to this is applied (unless an invalidation is pending). */
    private final AtomicLong heardThrough = new AtomicLong(-1);
    private volatile String loadedGeneration;
    private volatile boolean markerSeen;
    private volatile long lastProbeHeardNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    /** Our own probe has come back over the subscription Redis last confirmed (not only over one before it). */
    private volatile boolean probeHeardSinceSubscribed;
    private volatile boolean closed;
    /** For metrics: when our last probe was published, its number, and how long the channel took to bring it back. */
    private volatile long probeSentNanos;
    private volatile long probeSent;
    private volatile long channelLagNanos = -1;
    private final LongAdder reloads = new LongAdder();
    private final Map<String, LongAdder> heardByKind = RevocationEntry.Kind.counters();

    @Inject
    public RedisRevocationView(RedisLink redis, RevocationSettings settings,
                               @Value("${micronaut.application.name:service}") String application,
                               @Value("${micronaut.server.port:0}") int port) {
        this(redis, settings, "revocations." + settings.namespace() + "." + application + "." + port);
    }

    /** @param clientName what Redis lists the subscription as ({@code CLIENT LIST}), so an operator can find it */
    public RedisRevocationView(RedisLink redis, RevocationSettings settings, String clientName) {
        if (redis.cluster() && !RevocationKeys.hasHashTag(settings.namespace())) {
            // the announce script writes an entry and the state together: in a cluster both must be in one hash slot
            throw new IllegalStateException("On a Redis Cluster auth.revocation.namespace must be a hash tag, such as {"
                    + settings.namespace() + "}, so that every revocation key lives in one hash slot");
        }
        this.redis = redis;
        this.settings = settings;
        this.keys = new RevocationKeys(settings.namespace());
        this.channel = new RevocationChannel(keys);
        this.clientName = clientName.replaceAll("\\s", "_");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("revocation-view").factory());
        scheduler.scheduleWithFixedDelay(this::tick, 0, settings.probeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
        return entries.isRevoked(tokenId, keyId, sessionId, subject, clientId, issuedAt);
    }

    @Override
    public boolean isKeyRevoked(String keyId) {
        return entries.isKeyRevoked(keyId);
    }

    @Override
    public void whenKeyRevoked(Consumer<String> listener) {
        entries.whenKeyRevoked(listener);
    }

    @Override
    public Optional<String> unavailableReason() {
        if (!markerSeen) {
            return Optional.of("the revocation store is not seeded (Redis unreachable or being re-seeded)");
        }
        if (!subscribed) {
            return Optional.of("the revocation channel is not subscribed");
        }
        if (loadedAt != invalidations.get()) {
            return Optional.of("the revocation view is catching up (" + invalidatedBecause + ")");
        }
        if (!probeHeardSinceSubscribed) {
            return Optional.of("the revocation channel has not been confirmed since it was (re-)subscribed");
        }
        if (!probeHeardWithinBound()) {
            return Optional.of("the revocation channel has not been confirmed within " + settings.stalenessBound().toMillis() + " ms");
        }
        return Optional.empty();
    }

    /** Records a revocation at once, before it is announced: the writer's own process refuses it on the next request. */
    public void record(RevocationEntry entry) {
        entries.add(entry);
    }

    /** Runs {@code listener} on the channel's thread after each announcement heard: it must only hand work on. */
    public void whenAnnounced(Runnable listener) {
        announcementListeners.add(listener);
    }

    public RevocationKeys keys() {
        return keys;
    }

    public RevocationChannel channel() {
        return channel;
    }

    /** The highest sequence number up to which every announcement has been applied or found missing. */
    long heardThrough() {
        return heardThrough.get();
    }

    /** Seconds since this view's own probe last came back over the channel: how long it has been unconfirmed. */
    @Override
    public double secondsSinceConfirmed() {
        return (System.nanoTime() - lastProbeHeardNanos) / 1e9;
    }

    /** Seconds the channel took to bring back the last probe heard (publish to delivery), or -1 before the first. */
    @Override
    public double channelLagSeconds() {
        long lag = channelLagNanos;
        return lag < 0 ? -1 : lag / 1e9;
    }

    /** How many times the view reloaded the whole store (start, re-subscription, a gap in the sequence). */
    @Override
    public long reloads() {
        return reloads.sum();
    }

    /** Announcements heard on the channel, by kind: session, token, user or client. */
    @Override
    public Map<String, LongAdder> heardByKind() {
        return heardByKind;
    }

    private boolean probeHeardWithinBound() {
        return System.nanoTime() - lastProbeHeardNanos <= settings.stalenessBound().toNanos();
    }

    private void invalidate(String why) {
        invalidatedBecause = why;
        invalidations.incrementAndGet();
    }

    private void tick() {
        try {
            if (!probeHeardWithinBound()) {
                invalidate("no probe heard within " + settings.stalenessBound().toMillis() + " ms");
            }
            subscribe();
            catchUp();
            probe();
            purgeExpired();
        } catch (RuntimeException e) {
            LOG.debug("revocation view tick failed: {}", e.toString());
        }
        logTransitions();
    }

    /** Publishes our probe: its coming back over the subscription confirms the channel end to end. */
    private void probe() {
        long probe = probeSequence.incrementAndGet();
        probeSentNanos = System.nanoTime();
        probeSent = probe;
        redis.await(commands -> channel.probe(commands, node, probe));
    }

    /**
     * Runs a catch-up on the view's own thread soon, then probes the channel, so that a re-subscribed view is confirmed
     * at once rather than at the next tick; requests made while one is queued share it.
     */
    private void requestCatchUp() {
        if (closed || !catchUpQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                catchUpQueued.set(false);
                try {
                    catchUp();
                    probe();
                } catch (RuntimeException e) {
                    LOG.debug("revocation view catch-up failed: {}", e.toString());
                }
                logTransitions();
            });
        } catch (RejectedExecutionException shuttingDown) {
            catchUpQueued.set(false);
        }
    }

    /** Reloads the store when the view may have missed something (see the class comment); always on the view's thread. */
    private void catchUp() {
        long began = invalidations.get();
        boolean confirmedBeforeReading = subscribed; // read before the sequence: point 3 of the class comment
        List<KeyValue<String, String>> state = redis.await(commands ->
                commands.hmget(keys.state(), RevocationKeys.GENERATION_FIELD, RevocationKeys.SEQUENCE_FIELD));
        String generation = state.get(0).getValueOrElse(null);
        long sequence = Long.parseLong(state.get(1).getValueOrElse("0"));
        markerSeen = generation != null;
        boolean newGeneration = generation != null && !generation.equals(loadedGeneration);
        if (generation == null || !confirmedBeforeReading || (!newGeneration && loadedAt == began)) {
            return;
        }
        reload();
        if (newGeneration) {
            heardThrough.set(sequence); // a store seeded anew numbers from the start again
        } else {
            heardThrough.accumulateAndGet(sequence, Math::max);
        }
        loadedGeneration = generation;
        loadedAt = began;
    }

    private void subscribe() {
        if (subscription != null) {
            return; // Lettuce reconnects and re-subscribes by itself; the listeners below tell the view when.
        }
        StatefulRedisPubSubConnection<String, String> connection = redis.connectPubSub();
        connection.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> disconnected) {
                // Whatever is announced until the re-subscription is lost to us: stop vouching for the view now.
                subscribed = false;
                invalidate("the revocation channel disconnected");
            }
        });
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channelName, String message) {
                onEvent(message);
            }

            @Override
            public void subscribed(String channelName, long count) {
                // Redis's own word, in order on this connection: from here on every announcement reaches us.
                // What came before is recovered by a reload that begins after this point. A probe heard before
                // it proves nothing about this subscription: vouching on one let a view recovered within the
                // staleness bound lapse again when that probe aged out (RedisSentinelFailoverTest, a 503 after
                // the failover).
                probeHeardSinceSubscribed = false;
                subscribed = true;
                invalidate("the revocation channel was (re-)subscribed");
                requestCatchUp();
            }
        });
        try {
            if (connection instanceof StatefulRedisConnectionImpl<?, ?> named) {
                named.setClientName(clientName); // set this way, Lettuce sets it again on every reconnect
            }
            LettuceFutures.awaitOrCancel(connection.async().subscribe(keys.channel()), connection.getTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RedisException e) {
            connection.close();
            throw e;
        }
        subscription = connection;
    }

    void onEvent(String message) {
        String[] parts = message.split(" ");
        try {
            Optional<RevocationEntry> entry = RevocationEntry.parseEvent(parts);
            if (entry.isPresent()) {
                RevocationEntry revoked = entry.get();
                heardByKind.get(revoked.kind().label()).increment();
                record(revoked);
                heard(Long.parseLong(parts[RevocationEntry.sequenceIndex(revoked.kind())]));
                announcementListeners.forEach(Runnable::run);
                return;
            }
            switch (parts[0]) {
                case "P" -> {
                    // Any verifier's probe tells what has been announced so far; only our own proves our channel.
                    heardUpTo(Long.parseLong(parts[3]));
                    if (node.equals(parts[1])) {
                        long now = System.nanoTime();
                        lastProbeHeardNanos = now;
                        probeHeardSinceSubscribed = true;
                        if (Long.parseLong(parts[2]) == probeSent) {
                            channelLagNanos = now - probeSentNanos;
                        }
                    }
                }
                case "G" -> requestCatchUp(); // a re-seed finished: load the new generation now
                default -> { } // a kind this version does not know
            }
        } catch (RuntimeException e) {
            invalidate("a malformed revocation event was heard");
            LOG.warn("a malformed revocation event was heard; reloading the revocation view");
            requestCatchUp();
        }
    }

    /** An announcement numbered {@code sequence} was applied: a hole before it means some were lost. */
    private void heard(long sequence) {
        heardUpTo(sequence - 1);
        heardThrough.accumulateAndGet(sequence, Math::max);
    }

    /**
     * Announcements up to {@code sequence} were published before this message: each must have been heard. The view
     * stops vouching before it raises what it has heard, so no reader ever sees the higher number on a view that is
     * still vouching for itself without the announcements below it.
     */
    private void heardUpTo(long sequence) {
        long before = heardThrough.get();
        if (before >= 0 && sequence > before) {
            invalidate("announcements " + (before + 1) + " to " + sequence + " were not heard");
            requestCatchUp();
        }
        heardThrough.accumulateAndGet(sequence, Math::max);
    }

    /** Merges the whole store into memory. Entries are only ever added, so merging never undoes an event heard meanwhile. */
    private void reload() {
        reloads.increment();
        RevocationStoreScan.readAll(redis, keys, entries::add);
        LOG.debug("revocation view reloaded: {}", entries.summary());
    }

    private void purgeExpired() {
        entries.purgeBefore(clock.instant().getEpochSecond());
    }

    private void logTransitions() {
        currency.observe(unavailableReason(), entries::summary);
    }

    @Override
    @PreDestroy
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        StatefulRedisPubSubConnection<String, String> current = subscription;
        if (current != null) {
            RedisConnections.close(current);
        }
    }
}
