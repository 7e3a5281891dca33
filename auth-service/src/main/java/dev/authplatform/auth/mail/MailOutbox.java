package dev.authplatform.auth.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Messages wait here and are delivered by one thread of their own, never on a request's thread: a slow or absent SMTP
 * server delays mail, not sign-ins. A message that fails is tried again after a doubling delay, up to
 * {@link MailSettings#maxAttempts()}; a full queue drops the new message. Every outcome is counted in
 * {@code authplatform_mail_total{kind, outcome=queued|sent|retried|failed|dropped}}; no address is ever logged.
 */
@Singleton
public class MailOutbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);

    private final MailSender sender;
    private final MailSettings settings;
    private final MeterRegistry meters;
    private final DelayQueue<Pending> queue = new DelayQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Thread worker;
    private volatile boolean closed;

    MailOutbox(MailSender sender, MailSettings settings, MeterRegistry meters) {
        this.sender = sender;
        this.settings = settings;
        this.meters = meters;
        Gauge.builder("authplatform.mail.queued", waiting, AtomicInteger::get)
                .description("Messages waiting to be delivered (retries included)").register(meters);
        this.worker = Thread.ofPlatform().daemon().name("mail-outbox").start(this::deliverForever);
    }

    /** Queues a message; false (and counted) when the queue is full. Returns at once. */
    public boolean enqueue(OutgoingMail mail) {
        if (closed || waiting.incrementAndGet() > settings.queueCapacity()) {
            waiting.decrementAndGet();
            count(mail.kind(), "dropped");
            LOG.warn("mail queue full: a {} message was dropped", mail.kind());
            return false;
        }
        queue.put(new Pending(mail, 1, System.nanoTime()));
        count(mail.kind(), "queued");
        return true;
    }

    /** Messages not yet delivered or given up. */
    public int waiting() {
        return waiting.get();
    }

    private void deliverForever() {
        while (!closed) {
            Pending next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            deliver(next);
        }
    }

    private void deliver(Pending pending) {
        OutgoingMail mail = pending.mail;
        try {
            sender.send(mail);
            waiting.decrementAndGet();
            count(mail.kind(), "sent");
        } catch (MailSender.MailDeliveryException e) {
            if (e.permanent() || pending.attempt >= settings.maxAttempts()) {
                waiting.decrementAndGet();
                count(mail.kind(), "failed");
                LOG.warn("a {} message was given up after {} attempt(s): {}", mail.kind(), pending.attempt, e.getMessage());
                return;
            }
            Duration delay = settings.retryDelay().multipliedBy(1L << Math.min(pending.attempt - 1, 10));
            count(mail.kind(), "retried");
            LOG.info("a {} message will be tried again in {} ms: {}", mail.kind(), delay.toMillis(), e.getMessage());
            queue.put(new Pending(mail, pending.attempt + 1, System.nanoTime() + delay.toNanos()));
        } catch (RuntimeException e) {
            waiting.decrementAndGet();
            count(mail.kind(), "failed");
            LOG.warn("a {} message could not be sent: {}", mail.kind(), e.getClass().getSimpleName());
        }
    }

    private void count(String kind, String outcome) {
        counters.computeIfAbsent(kind + "\0" + outcome, key -> Counter.builder("authplatform.mail")
                .description("Outbound email, by kind and outcome").tag("kind", kind).tag("outcome", outcome)
                .register(meters)).increment();
    }

    @Override
    @PreDestroy
    public void close() {
        closed = true;
        worker.interrupt();
    }

    /** A message and when it may next be tried. */
    private record Pending(OutgoingMail mail, int attempt, long dueNanos) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Pending) other).dueNanos);
        }
    }
}
