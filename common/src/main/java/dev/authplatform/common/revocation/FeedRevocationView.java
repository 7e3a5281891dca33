package dev.authplatform.common.revocation;

import dev.authplatform.common.tls.OutboundTls;
import dev.authplatform.common.verify.VerifierSettings;
import dev.authplatform.revocation.RevocationFeedClient;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The revocation view of a service that has no access to Redis: it follows auth-service's revocation feed over
 * HTTP (docs/revocation-feed.md, {@link RevocationFeedClient}) and answers every request from memory, as
 * {@link RedisRevocationView} does.
 */
@Context
@Requires(property = RevocationView.SOURCE_PROPERTY, value = RevocationView.SOURCE_FEED)
public class FeedRevocationView implements RevocationView, AutoCloseable {

    private final RevocationFeedClient feed;

    @Inject
    public FeedRevocationView(RevocationFeedClientSettings feed, RevocationSettings settings, VerifierSettings verifier,
                              OutboundTls tls) {
        this(feed, settings, verifier, tls::context);
    }

    /** @param tls what HTTPS to auth-service trusts; a supplier of null: the JVM's default */
    public FeedRevocationView(RevocationFeedClientSettings feed, RevocationSettings settings, VerifierSettings verifier,
                              Supplier<SSLContext> tls) {
        URI base = feed.uri() == null || feed.uri().toString().isBlank() ? URI.create(verifier.issuerBase()) : feed.uri();
        this.feed = new RevocationFeedClient(new RevocationFeedClient.Settings(base, feed.clientId(), feed.clientSecret(),
                settings.stalenessBound(), feed.reconnectDelay(), tls));
    }

    @Override
    public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
        return feed.isRevoked(tokenId, keyId, sessionId, subject, clientId, issuedAt);
    }

    @Override
    public boolean isKeyRevoked(String keyId) {
        return feed.isKeyRevoked(keyId);
    }

    @Override
    public void whenKeyRevoked(Consumer<String> listener) {
        feed.whenKeyRevoked(listener);
    }

    @Override
    public Optional<String> unavailableReason() {
        return feed.unavailableReason();
    }

    @Override
    public double secondsSinceConfirmed() {
        return feed.secondsSinceConfirmed();
    }

    @Override
    public long reloads() {
        return feed.reloads();
    }

    @Override
    public Map<String, LongAdder> heardByKind() {
        return feed.heardByKind();
    }

    @Override
    @PreDestroy
    public void close() {
        feed.close();
    }
}
