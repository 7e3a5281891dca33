package dev.authplatform.auth.revocation;

import dev.authplatform.common.api.FeedEntry;
import dev.authplatform.common.api.FeedProbe;
import dev.authplatform.common.api.FeedSnapshot;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.revocation.RevocationEntry;
import dev.authplatform.common.revocation.RevocationKeys;
import dev.authplatform.common.revocation.RevocationStoreScan;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.revocation.RevocationFeedClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The revocation feed (docs/revocation-feed.md): the revocation store and its numbered announcements, served over
 * HTTP to verifiers that have no access to Redis.
 *
 * <p>Everything comes from Redis, never from this instance's memory: the snapshot from the store, the events from
 * the log ({@link RevocationKeys#log()}), numbered by Redis. So every instance behind a load balancer serves the same
 * numbers, and a consumer that reconnects to another one resumes where it stopped.
 *
 * <p>One reader thread per instance follows the log for every open stream. It wakes when this instance's view hears
 * an announcement on the channel, and at least once per probe interval; then it reads the state's number, reads the
 * log past what it has sent, sends it, and only then sends the probe with that number. A probe therefore always
 * follows every announcement it counts, on every stream.
 */
@Singleton
public class RevocationFeed implements AutoCloseable {

    /** The scope a client's token must carry to read the feed. */
    public static final String SCOPE = RevocationFeedClient.SCOPE;

    private static final Logger LOG = LoggerFactory.getLogger(RevocationFeed.class);
    private static final int PAGE = 1000;

    private final RedisLink redis;
    private final RevocationKeys keys;
    private final RevocationFeedSettings settings;
    private final Set<FeedStream> streams = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private Thread reader;
    private volatile boolean closed;
    /** What the reader has sent to every live stream: generation and last number. */
    private volatile String generation;
    private volatile long cursor;

    RevocationFeed(RedisLink redis, RedisRevocationView view, RevocationFeedSettings settings, MeterRegistry meters) {
        this.redis = redis;
        this.keys = view.keys();
        this.settings = settings;
        view.whenAnnounced(this::wake);
        Gauge.builder("authplatform.revocation.feed.streams", streams, Set::size)
                .description("Revocation feed streams open on this instance").register(meters);
    }

    /** Every revocation in the store, current at least to the number it names. */
    public FeedSnapshot snapshot() {
        State state = state().orElseThrow(RevocationFeed::notSeeded);
        List<FeedEntry> entries = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        RevocationStoreScan.readAll(redis, keys, entry -> {
            if (entry.until() >= now) {
                entries.add(FeedEntry.of(entry, null));
            }
        });
        return new FeedSnapshot(state.generation(), state.seq(), entries);
    }

    /**
     * Opens a stream that resumes after announcement {@code seq} of {@code generation}, or is reset at once when it
     * cannot: another generation, a number the log no longer holds (or never held), too much to replay.
     *
     * @param stillAuthorized whether the token the stream was opened with still holds; checked at every probe
     */
    public FeedStream open(String resumeGeneration, long resumeSeq, Predicate<Instant> stillAuthorized) {
        startReader();
        State state = state().orElseThrow(RevocationFeed::notSeeded);
        FeedStream stream = new FeedStream(state.generation(), resumeSeq, settings.streamBuffer(), stillAuthorized, streams::remove);
        streams.add(stream);
        Optional<String> cannotResume = cannotResume(resumeGeneration, resumeSeq, state);
        if (cannotResume.isPresent()) {
            stream.reset(cannotResume.get());
            return stream;
        }
        long after = resumeSeq;
        while (after < state.seq()) {
            List<StreamMessage<String, String>> page = readLog(after);
            if (page.isEmpty()) {
                break;
            }
            for (StreamMessage<String, String> message : page) {
                FeedEntry entry = entryOf(message);
                if (entry != null) {
                    stream.sendCaughtUp(entry);
                }
                after = sequenceOf(message);
            }
        }
        if (stream.lastSent() < state.seq()) {
            stream.reset("announcements after " + stream.lastSent() + " are no longer in the log");
            return stream;
        }
        // a probe now, so that the consumer vouches at once instead of at the next tick
        stream.sendCaughtUp(new FeedProbe(state.generation(), state.seq()));
        stream.goLive();
        return stream;
    }

    private Optional<String> cannotResume(String resumeGeneration, long resumeSeq, State state) {
        if (resumeGeneration.isEmpty()) {
            return Optional.of("no Last-Event-ID: start from a snapshot");
        }
        if (!state.generation().equals(resumeGeneration)) {
            return Optional.of("the revocation store was seeded anew (generation " + state.generation() + ")");
        }
        if (resumeSeq > state.seq()) {
            return Optional.of("announcement " + resumeSeq + " is ahead of the store (" + state.seq() + ")");
        }
        if (state.seq() - resumeSeq > settings.streamBuffer()) {
            return Optional.of("too far behind to replay (" + (state.seq() - resumeSeq) + " announcements)");
        }
        if (resumeSeq < state.seq()) {
            List<StreamMessage<String, String>> first = readLog(resumeSeq);
            if (first.isEmpty() || sequenceOf(first.getFirst()) != resumeSeq + 1) {
                return Optional.of("announcements after " + resumeSeq + " are no longer in the log");
            }
        }
        return Optional.empty();
    }

    private synchronized void startReader() {
        if (reader != null || closed) {
            return;
        }
        // Where the reader starts is settled before any stream registers: each one's catch-up reads the state after
        // this, so nothing falls between the two.
        State state = state().orElseThrow(RevocationFeed::notSeeded);
        generation = state.generation();
        cursor = state.seq();
        reader = Thread.ofPlatform().daemon().name("revocation-feed").start(this::follow);
    }

    private void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** The reader's loop: see the class comment. */
    private void follow() {
        long probeInterval = settings.probeInterval().toNanos();
        long nextProbe = System.nanoTime();
        long lastSuccess = System.nanoTime();
        while (!closed) {
            try {
                wake.tryAcquire(Math.max(0, nextProbe - System.nanoTime()), TimeUnit.NANOSECONDS);
                wake.drainPermits();
                // read before the log: the log then holds every announcement the probe below will count
                State state = state().orElseThrow(() -> new IllegalStateException("the revocation store is not seeded"));
                if (!state.generation().equals(generation) || state.seq() < cursor) {
                    // the store was seeded anew, or lost announcements it had numbered: every stream starts again
                    resetAll("the revocation store was seeded anew (generation " + state.generation() + ")");
                    generation = state.generation();
                    cursor = state.seq();
                }
                sendNewAnnouncements();
                if (System.nanoTime() - nextProbe >= 0) {
                    FeedProbe probe = new FeedProbe(generation, state.seq());
                    Instant at = Instant.now();
                    for (FeedStream stream : streams) {
                        if (!stream.authorizedAt(at)) {
                            stream.end(); // the token expired or was revoked: the consumer comes back with a new one
                        } else {
                            stream.offer(probe);
                        }
                    }
                    nextProbe = System.nanoTime() + probeInterval;
                }
                lastSuccess = System.nanoTime();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("revocation feed could not read Redis: {}", e.toString());
                if (System.nanoTime() - lastSuccess > settings.unavailableAfter().toNanos() && !streams.isEmpty()) {
                    LOG.warn("revocation feed: Redis has failed for {} ms; closing {} streams so their consumers reconnect elsewhere",
                            settings.unavailableAfter().toMillis(), streams.size());
                    streams.forEach(FeedStream::end);
                }
                nextProbe = System.nanoTime() + probeInterval;
            }
        }
    }

    private void sendNewAnnouncements() {
        while (true) {
            List<StreamMessage<String, String>> page = readLog(cursor);
            for (StreamMessage<String, String> message : page) {
                long seq = sequenceOf(message);
                FeedEntry entry = entryOf(message);
                if (entry != null) {
                    streams.forEach(stream -> stream.offer(entry));
                }
                cursor = seq;
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private void resetAll(String reason) {
        streams.forEach(stream -> stream.reset(reason));
    }

    private List<StreamMessage<String, String>> readLog(long after) {
        return redis.await(commands -> commands.xrange(keys.log(),
                Range.create((after + 1) + "-0", "+"), Limit.create(0, PAGE)));
    }

    private static long sequenceOf(StreamMessage<String, String> message) {
        String id = message.getId();
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    /** The log entry as a feed entry with its number; null for one this version cannot read (it is skipped, numbered). */
    private static FeedEntry entryOf(StreamMessage<String, String> message) {
        String event = message.getBody().get("e");
        try {
            return event == null ? null : RevocationEntry.parseEvent(event.split(" "))
                    .map(entry -> FeedEntry.of(entry, sequenceOf(message))).orElse(null);
        } catch (RuntimeException malformed) {
            LOG.warn("revocation log entry {} is malformed; skipped", message.getId());
            return null;
        }
    }

    private Optional<State> state() {
        List<KeyValue<String, String>> fields = redis.await(commands ->
                commands.hmget(keys.state(), RevocationKeys.GENERATION_FIELD, RevocationKeys.SEQUENCE_FIELD));
        String current = fields.get(0).getValueOrElse(null);
        return current == null ? Optional.empty()
                : Optional.of(new State(current, Long.parseLong(fields.get(1).getValueOrElse("0"))));
    }

    private static ProblemException notSeeded() {
        return ProblemException.unavailable("The revocation store is being seeded; retry shortly.", 1);
    }

    @Override
    @PreDestroy
    public void close() {
        closed = true;
        streams.forEach(FeedStream::end);
        Thread current = reader;
        if (current != null) {
            current.interrupt();
        }
    }

    private record State(String generation, long seq) {
    }
}
