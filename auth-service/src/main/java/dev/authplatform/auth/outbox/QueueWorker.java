package dev.authplatform.auth.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The sending side of a durable queue in PostgreSQL (the mail outbox, back-channel logouts): one thread per instance.
 * It wakes when a row is queued here ({@link #wake()}, once the row's transaction has committed: {@link AfterCommit})
 * or every poll interval (rows queued by another instance, retries come due), takes a batch of due rows (locked,
 * skipping those another instance holds, and leased: {@code takeDue}), hands it over, and takes the next batch while
 * they come full. PostgreSQL being away defers the work to the next poll; the rows wait in it.
 */
public final class QueueWorker<R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

    private final String name;
    private final Duration pollInterval;
    private final int batch;
    private final IntFunction<List<R>> takeDue;
    private final Consumer<List<R>> deliver;
    private final Runnable afterRound;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean closed;
    private Thread thread;

    /**
     * @param takeDue    at most that many due rows, locked and leased to this instance
     * @param deliver    sends a batch; it records each row's outcome itself
     * @param afterRound runs after each round of batches (a gauge, say)
     */
    public QueueWorker(String name, Duration pollInterval, int batch, IntFunction<List<R>> takeDue, Consumer<List<R>> deliver,
                       Runnable afterRound) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.batch = batch;
        this.takeDue = takeDue;
        this.deliver = deliver;
        this.afterRound = afterRound;
    }

    /** Starts the thread; {@code first} runs on it before the first round (work kept off the starting thread). */
    public synchronized void start(Runnable first) {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().daemon().name(name).start(() -> {
                first.run();
                work();
            });
        }
    }

    /** The wait before the attempt after {@code attempts} failed ones: {@code first}, doubling each time, at most {@code max}. */
    public static Duration retryDelay(Duration first, int attempts, Duration max) {
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Sends what is due now rather than at the next poll. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    public boolean closed() {
        return closed;
    }

    private void work() {
        while (!closed) {
            try {
                wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                List<R> due;
                do {
                    due = takeDue.apply(batch);
                    if (!due.isEmpty()) {
                        deliver.accept(due);
                    }
                } while (due.size() == batch && !closed);
                afterRound.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("{}: deferred to the next poll: {}", name, e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
