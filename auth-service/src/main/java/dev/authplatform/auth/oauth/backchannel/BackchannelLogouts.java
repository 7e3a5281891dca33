package dev.authplatform.auth.oauth.backchannel;

import dev.authplatform.auth.audit.SecurityAudit;
import dev.authplatform.auth.audit.SecurityMetrics;
import dev.authplatform.auth.oauth.client.ClientRow;
import dev.authplatform.auth.outbox.AfterCommit;
import dev.authplatform.auth.outbox.QueueWorker;
import dev.authplatform.auth.oauth.client.ClientService;
import dev.authplatform.auth.token.TokenIssuer;
import dev.authplatform.common.tls.OutboundTls;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * OpenID Connect Back-Channel Logout 1.0, the sending side. When a session of a client that registered a
 * {@code backchannel_logout_uri} ends, for whatever reason, {@link #queue} writes a notice in the same transaction
 * (so a stop or a crash loses none); a sender thread on every instance takes the notices due (locked, skipping those
 * another instance holds, leased so that a crashed instance's are taken over), signs a logout token for each and
 * POSTs it (section 2.5), each on its own virtual thread so that one slow client delays no other.
 *
 * <p>A 2xx answer delivers it. Anything else (another status, a redirect, which is not followed, a timeout, a refused
 * connection) is retried later, the wait doubling from {@code first-retry} to {@code max-retry-delay}, until
 * {@code max-attempts}; then it is abandoned. A client disabled, deleted or no longer listening by then is not
 * sent to (dropped). Every outcome is audited ({@code backchannel-logout}) and counted
 * ({@code authplatform_backchannel_logouts_total{outcome}}).
 */
@Singleton
public class BackchannelLogouts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackchannelLogouts.class);
    /** Notices taken at once: one virtual thread each, together bounded by the timeout. */
    private static final int BATCH = 50;

    private final BackchannelLogoutRepository notices;
    private final ClientService clients;
    private final TokenIssuer issuer;
    private final BackchannelLogoutSettings settings;
    private final TransactionOperations<Connection> transactions;
    private final SecurityAudit audit;
    private final SecurityMetrics metrics;
    private final OutboundTls tls;
    private final QueueWorker<BackchannelLogoutRow> sender;
    private HttpClient http;

    BackchannelLogouts(BackchannelLogoutRepository notices, ClientService clients, TokenIssuer issuer, BackchannelLogoutSettings settings,
                       TransactionOperations<Connection> transactions, SecurityAudit audit, SecurityMetrics metrics, OutboundTls tls) {
        this.notices = notices;
        this.clients = clients;
        this.issuer = issuer;
        this.settings = settings;
        this.transactions = transactions;
        this.audit = audit;
        this.metrics = metrics;
        this.tls = tls;
        this.sender = new QueueWorker<>("backchannel-logout", settings.pollInterval(), BATCH, this::takeDue, this::deliverAll, () -> { });
    }

    /**
     * Queues the notice for a session that has just ended, if its client listens. Call it in the transaction that
     * ends the session: the sender is woken when that transaction commits.
     */
    public void queue(UUID sessionId, Instant endedAt) {
        if (notices.queueFor(sessionId, endedAt) == 1) {
            AfterCommit.run(transactions, sender::wake);
        }
    }

    @EventListener
    void start(StartupEvent event) {
        // the client is built on the sender's thread: the JVM's trust store takes a while to load (OutboundTls)
        sender.start(() -> http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(tls.context()).build());
    }

    /** The notices due now, each counted as attempted and leased to this instance. */
    private List<BackchannelLogoutRow> takeDue(int limit) {
        Instant now = now();
        return transactions.executeWrite(status -> {
            List<BackchannelLogoutRow> due = notices.findDueForUpdate(now, limit);
            if (!due.isEmpty()) {
                notices.lease(due.stream().map(BackchannelLogoutRow::sessionId).toList(), now.plus(settings.lease()));
            }
            return due;
        });
    }

    private void deliverAll(List<BackchannelLogoutRow> due) {
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            for (BackchannelLogoutRow notice : due) {
                each.execute(() -> deliver(notice));
            }
        }
    }

    private void deliver(BackchannelLogoutRow notice) {
        int attempt = notice.attempts() + 1;
        Optional<String> uri = clients.findActive(notice.clientId()).map(ClientRow::backchannelLogoutUri);
        if (uri.isEmpty()) {
            finish(notice, "dropped", attempt, "client-not-listening");
            return;
        }
        String failure;
        try {
            Instant now = now();
            String token = issuer.logoutToken(notice.clientId(), notice.userId(), notice.sessionId(), now, settings.tokenLifetime());
            HttpRequest request = HttpRequest.newBuilder(URI.create(uri.get()))
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII)))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                finish(notice, "delivered", attempt, "status=" + status);
                return;
            }
            failure = "status=" + status;
        } catch (IOException | IllegalArgumentException e) {
            failure = "error=" + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: the lease runs out and some instance sends it
        }
        if (attempt >= settings.maxAttempts()) {
            finish(notice, "abandoned", attempt, failure);
        } else {
            Instant next = now().plus(settings.retryDelay(attempt));
            notices.retryAt(notice.sessionId(), next);
            metrics.backchannelLogout("retried");
            audit.backchannelLogout(notice.userId(), notice.sessionId(), notice.clientId(), "failure",
                    "attempt=" + attempt + " " + failure + " retry-at=" + next);
        }
    }

    private void finish(BackchannelLogoutRow notice, String outcome, int attempt, String detail) {
        if (notices.finish(notice.sessionId(), now(), outcome) == 1) {
            metrics.backchannelLogout(outcome);
            audit.backchannelLogout(notice.userId(), notice.sessionId(), notice.clientId(),
                    "delivered".equals(outcome) ? "success" : outcome, "attempt=" + attempt + " " + detail);
        }
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "7m")
    void purgeFinished() {
        try {
            notices.deleteFinishedBefore(Instant.now().minus(settings.retention()));
        } catch (RuntimeException e) {
            LOG.debug("back-channel logout purge deferred: {}", e.toString());
        }
    }

    @Override
    @PreDestroy
    public void close() {
        sender.close();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
