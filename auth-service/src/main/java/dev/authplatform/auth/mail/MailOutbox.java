package dev.authplatform.auth.mail;

import dev.authplatform.auth.account.AccountTokens;
import dev.authplatform.auth.outbox.AfterCommit;
import dev.authplatform.auth.outbox.QueueWorker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages wait in PostgreSQL ({@code mail_outbox}) and are sent by a thread of their own on any instance, never on a
 * request's thread: a slow or absent SMTP server delays mail, not sign-ins, and a stop or a crash ({@code kill -9})
 * loses nothing accepted. Each message is taken under a row lock, skipping those another instance holds, and leased
 * to the instance that took it; one that dies while sending leaves it to be taken again when the lease runs out. The
 * row holds no link token: the link is made when the message is sent ({@link LinkMessages}).
 *
 * <p>A message that fails is tried again after a doubling delay, up to {@link MailSettings#maxAttempts()}; a full
 * outbox ({@link MailSettings#queueCapacity()} waiting) drops the new message. Every outcome is counted in
 * {@code authplatform_mail_total{kind, outcome=queued|sent|retried|failed|dropped}}; no address is ever logged.
 *
 * <p>Sent exactly once, but in one window: an instance that dies after the SMTP server took the message and before
 * the row says so leaves it to be sent again (SMTP has no way to ask whether a message arrived).
 */
@Singleton
public class MailOutbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailOutbox.class);
    private static final int BATCH = 20;
    /** How often an instance looks for messages due: queued by another instance, or due for a retry. */
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration RETENTION = Duration.ofDays(7);

    private final MailOutboxRepository outbox;
    private final LinkMessages messages;
    private final MailSender sender;
    private final MailSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong waiting = new AtomicLong();
    private final QueueWorker<MailOutboxRow> worker;

    MailOutbox(MailOutboxRepository outbox, LinkMessages messages, MailSender sender, MailSettings settings,
               TransactionOperations<Connection> transactions, MeterRegistry meters) {
        this.outbox = outbox;
        this.messages = messages;
        this.sender = sender;
        this.settings = settings;
        this.transactions = transactions;
        this.meters = meters;
        Gauge.builder("authplatform.mail.queued", waiting, AtomicLong::get)
                .description("Messages waiting to be delivered (retries included), at the last look").register(meters);
        // one SMTP conversation at a time, as before
        this.worker = new QueueWorker<>("mail-outbox", POLL_INTERVAL, BATCH, this::takeDue, due -> due.forEach(this::deliver),
                () -> waiting.set(outbox.countWaiting()));
    }

    /** Queues a link for the user; false (and counted) when the outbox is full. Returns at once. */
    public boolean enqueue(String kind, UUID userId, String page, AccountTokens.Purpose purpose, Duration validFor) {
        if (worker.closed() || outbox.countWaiting() >= settings.queueCapacity()) {
            count(kind, "dropped");
            LOG.warn("mail outbox full: a {} message was dropped", kind);
            return false;
        }
        Instant now = now();
        outbox.save(new MailOutboxRow(UUID.randomUUID(), kind, userId, purpose.value(), page, validFor.toMillis(), now, 0, now,
                null, null));
        count(kind, "queued");
        AfterCommit.run(transactions, worker::wake);
        return true;
    }

    @EventListener
    void start(StartupEvent event) {
        worker.start(() -> {
        });
    }

    /** The messages due now, each counted as attempted and leased to this instance for longer than one attempt takes. */
    private List<MailOutboxRow> takeDue(int limit) {
        Instant now = now();
        Duration lease = settings.timeout().multipliedBy(4).plusSeconds(5); // connect, then the SMTP conversation
        return transactions.executeWrite(status -> {
            List<MailOutboxRow> due = outbox.findDueForUpdate(now, limit);
            if (!due.isEmpty()) {
                outbox.lease(due.stream().map(MailOutboxRow::id).toList(), now.plus(lease));
            }
            return due;
        });
    }

    private void deliver(MailOutboxRow row) {
        if (worker.closed()) {
            return; // stopping: the lease runs out and some instance sends it
        }
        int attempt = row.attempts() + 1;
        Optional<OutgoingMail> mail;
        try {
            mail = messages.compose(row);
        } catch (RuntimeException e) {
            LOG.warn("a {} message could not be made: {}", row.kind(), e.getClass().getSimpleName());
            retryOrGiveUp(row, attempt, "the message could not be made");
            return;
        }
        if (mail.isEmpty()) {
            finish(row, "dropped");
            return;
        }
        try {
            sender.send(mail.get());
            finish(row, "sent");
        } catch (MailSender.MailDeliveryException e) {
            if (e.permanent()) {
                finish(row, "failed");
                LOG.warn("a {} message was refused for good: {}", row.kind(), e.getMessage());
                return;
            }
            retryOrGiveUp(row, attempt, e.getMessage());
        } catch (RuntimeException e) {
            finish(row, "failed");
            LOG.warn("a {} message could not be sent: {}", row.kind(), e.getClass().getSimpleName());
        }
    }

    private void retryOrGiveUp(MailOutboxRow row, int attempt, String reason) {
        if (attempt >= settings.maxAttempts()) {
            finish(row, "failed");
            LOG.warn("a {} message was given up after {} attempt(s): {}", row.kind(), attempt, reason);
            return;
        }
        // doubling ten times at the most, as before
        Duration delay = QueueWorker.retryDelay(settings.retryDelay(), attempt, settings.retryDelay().multipliedBy(1024));
        outbox.retryAt(row.id(), now().plus(delay));
        count(row.kind(), "retried");
        LOG.info("a {} message will be tried again in {} ms: {}", row.kind(), delay.toMillis(), reason);
    }

    private void finish(MailOutboxRow row, String outcome) {
        if (outbox.finish(row.id(), now(), outcome) == 1) {
            count(row.kind(), outcome);
        }
    }

    private void count(String kind, String outcome) {
        counters.computeIfAbsent(kind + "\0" + outcome, key -> Counter.builder("authplatform.mail")
                .description("Outbound email, by kind and outcome").tag("kind", kind).tag("outcome", outcome)
                .register(meters)).increment();
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "9m")
    void purgeFinished() {
        try {
            outbox.deleteFinishedBefore(Instant.now().minus(RETENTION));
        } catch (RuntimeException e) {
            LOG.debug("mail outbox purge deferred: {}", e.toString());
        }
    }

    @Override
    @PreDestroy
    public void close() {
        worker.close();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
