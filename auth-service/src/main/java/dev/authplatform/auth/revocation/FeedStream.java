package dev.authplatform.auth.revocation;

import dev.authplatform.common.api.FeedEntry;
import dev.authplatform.common.api.FeedProbe;
import dev.authplatform.common.api.FeedReset;
import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import reactor.util.concurrent.Queues;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One consumer's event stream. It is registered before its catch-up reads the log, so everything announced after
 * that read reaches it through {@link #offer}; until the catch-up is done, what is offered waits in order, and
 * whatever the catch-up already sent is skipped. Every event it sends must be numbered one past the last: a gap is
 * never passed on, the stream is reset instead.
 */
final class FeedStream {

    private final String generation;
    private final Sinks.Many<Event<Object>> sink;
    private final Predicate<Instant> stillAuthorized;
    private final Consumer<FeedStream> onEnd;
    private final List<Object> waiting = new ArrayList<>();
    private boolean live;
    private boolean ended;
    /** The number of the last announcement sent on this stream. */
    private long lastSent;

    /** @param onEnd run once the stream has ended, or its consumer has gone */
    FeedStream(String generation, long resumeAfter, int buffer, Predicate<Instant> stillAuthorized, Consumer<FeedStream> onEnd) {
        this.generation = generation;
        this.lastSent = resumeAfter;
        this.stillAuthorized = stillAuthorized;
        this.onEnd = onEnd;
        this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Event<Object>>get(buffer).get());
    }

    /** What the consumer reads: the events, until the stream ends. */
    Flux<Event<Object>> events() {
        return sink.asFlux().doFinally(signal -> onEnd.accept(this));
    }

    synchronized long lastSent() {
        return lastSent;
    }

    synchronized boolean ended() {
        return ended;
    }

    /** An announcement or a probe from the feed's reader: sent now if live, else after the catch-up. */
    synchronized void offer(Object message) {
        if (ended) {
            return;
        }
        if (live) {
            send(message);
        } else {
            waiting.add(message);
        }
    }

    /** Sends the catch-up's own reads, straight away. */
    synchronized void sendCaughtUp(Object message) {
        if (!ended) {
            send(message);
        }
    }

    /** The catch-up is done: what was offered meanwhile goes out, in order, past what the catch-up sent. */
    synchronized void goLive() {
        live = true;
        for (Object message : waiting) {
            if (ended) {
                break;
            }
            send(message);
        }
        waiting.clear();
    }

    /** Tells the consumer to start again from a snapshot, and ends the stream. */
    synchronized void reset(String reason) {
        if (!ended) {
            sink.tryEmitNext(Event.<Object>of(new FeedReset(reason)).name("reset"));
            end();
        }
    }

    /** Ends the stream without a word: the consumer reconnects and resumes (a token expired, a server stopping). */
    synchronized void end() {
        ended = true;
        waiting.clear();
        sink.tryEmitComplete();
        onEnd.accept(this);
    }

    /** Whether the token the stream was opened with still holds at {@code now}. */
    boolean authorizedAt(Instant now) {
        return stillAuthorized.test(now);
    }

    private void send(Object message) {
        if (message instanceof FeedEntry entry) {
            long seq = entry.seq();
            if (seq <= lastSent) {
                return; // the catch-up sent it already
            }
            if (seq != lastSent + 1) {
                reset("announcements " + (lastSent + 1) + " to " + (seq - 1) + " cannot be sent on this stream");
                return;
            }
            lastSent = seq;
            emit(Event.<Object>of(entry).name("revoked").id(generation + ":" + seq));
        } else if (message instanceof FeedProbe probe) {
            if (probe.seq() > lastSent) {
                reset("announcements up to " + probe.seq() + " cannot be sent on this stream");
                return;
            }
            emit(Event.<Object>of(probe).name("probe").id(generation + ":" + lastSent));
        }
    }

    private void emit(Event<Object> event) {
        if (sink.tryEmitNext(event).isFailure()) {
            end(); // the consumer reads too slowly (or is gone): it will resume from what it has, or start again
        }
    }
}
