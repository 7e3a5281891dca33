package dev.authplatform.common.verify;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import dev.authplatform.common.tls.OutboundTls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issuer's public keys, fetched from its JWK Set (RFC 7517) and kept in memory.
 * <ul>
 *   <li>fetched at start, retried with backoff until it works, so a service may start before auth-service;</li>
 *   <li>refreshed when the issuer's {@code Cache-Control: max-age} runs out;</li>
 *   <li>refetched when a token names an unknown {@code kid} (a rotation), with at most one fetch in flight
 *       and at least {@code auth.jwks.min-refetch-interval} between fetches, so a flood of tokens with random
 *       {@code kid}s cannot become a flood of fetches;</li>
 *   <li>kept when a fetch fails: with auth-service down, tokens signed by cached keys keep working;</li>
 *   <li>saved to a file after each fetch ({@link LastKnownJwks}), and read from it at start, so a verifier started
 *       while the issuer is unreachable verifies tokens of the keys it knew; an unknown {@code kid} is still
 *       refused until a fetch succeeds.</li>
 * </ul>
 * Lookups never block: a miss answers when the (shared) fetch completes, on the HTTP client's threads.
 */
@Context
@Requires(missingBeans = IssuerOwnKeys.class)
public class JwksKeySource implements SigningKeys, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);
    private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final VerifierSettings settings;
    /** Built on the refresh thread: an HTTP client loads its TLS context as it is built. */
    private final CompletableFuture<HttpClient> http = new CompletableFuture<>();
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    /** Null when the cache file is off. */
    private final LastKnownJwks lastKnown;

    private volatile Map<String, VerificationKey> keys = Map.of();
    private volatile Instant lastFetchStarted = Instant.EPOCH;
    private volatile URI resolvedJwksUri;
    private volatile Duration nextRefresh = Duration.ofMinutes(5);
    private CompletableFuture<Map<String, VerificationKey>> inFlight;
    private Duration backoff = Duration.ofMillis(500);

    private final Counter fetched;
    private final Counter fetchFailed;

    @Inject
    public JwksKeySource(VerifierSettings settings, JwksCacheSettings cache, MeterRegistry meters, OutboundTls tls) {
        this(settings, Clock.systemUTC(), meters, tls::context, LastKnownJwks.of(cache, settings.issuer()).orElse(null));
    }

    JwksKeySource(VerifierSettings settings, Clock clock) {
        this(settings, clock, new SimpleMeterRegistry(), null, null);
    }

    /**
     * @param tls       what HTTPS to the issuer trusts, asked for on the refresh thread; null: the JVM's default
     * @param lastKnown the file the last JWKS is kept in; null: none
     */
    JwksKeySource(VerifierSettings settings, Clock clock, MeterRegistry meters, Supplier<SSLContext> tls, LastKnownJwks lastKnown) {
        this.settings = settings;
        this.lastKnown = lastKnown;
        if (lastKnown != null) {
            lastKnown.read().ifPresent(json -> keys = parse(json));
        }
        LOG.info("JWKS cache file: {}", lastKnown == null ? "off" : lastKnown.file());
        this.fetched = Counter.builder("authplatform.jwks.fetches").tag("outcome", "success")
                .description("JWKS fetches from the issuer, by outcome").register(meters);
        this.fetchFailed = Counter.builder("authplatform.jwks.fetches").tag("outcome", "failure")
                .description("JWKS fetches from the issuer, by outcome").register(meters);
        Gauge.builder("authplatform.jwks.keys", this, source -> source.keys.size())
                .description("Signing keys known from the issuer's JWKS").register(meters);
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("jwks-refresh").factory());
        scheduler.execute(() -> {
            buildClient(tls);
            scheduledRefresh();
        });
    }

    private void buildClient(Supplier<SSLContext> tls) {
        try {
            HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
            SSLContext context = tls == null ? null : tls.get();
            http.complete((context == null ? client : client.sslContext(context)).build());
        } catch (Throwable e) {
            http.completeExceptionally(e); // every fetch fails with it, and says so: the keys at hand stay
        }
    }

    @Override
    public CompletionStage<Optional<VerificationKey>> find(String kid) {
        VerificationKey key = keys.get(kid);
        if (key != null) {
            return CompletableFuture.completedFuture(Optional.of(key));
        }
        return refresh(false).handle((fetched, error) -> Optional.ofNullable(keys.get(kid)));
    }

    @Override
    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    /**
     * Fetches at once, whatever the minimum interval: the announcement comes from the issuer through the revocation
     * view, not from a caller, so it cannot be used to flood the issuer. A fetch already in flight began before the
     * revocation and may miss the new key: another follows it.
     */
    @Override
    public void keyRevoked(String kid) {
        Instant asked = clock.instant();
        refresh(true).whenComplete((fetched, error) -> {
            if (lastFetchStarted.isBefore(asked)) {
                refresh(true);
            }
        });
    }

    /** The JWKS URL in use: configured, or discovered once the first fetch got that far. */
    public Optional<URI> jwksUri() {
        return Optional.ofNullable(settings.jwksUri() != null ? settings.jwksUri() : resolvedJwksUri);
    }

    /**
     * Starts a fetch unless one is in flight (then shares it) or the last one started less than the minimum
     * interval ago (then answers with the keys at hand). {@code scheduled} fetches ignore the interval.
     */
    synchronized CompletableFuture<Map<String, VerificationKey>> refresh(boolean scheduled) {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (!scheduled && now.isBefore(lastFetchStarted.plus(settings.jwksMinRefetch()))) {
            return CompletableFuture.completedFuture(keys);
        }
        lastFetchStarted = now;
        CompletableFuture<Map<String, VerificationKey>> fetch = new CompletableFuture<>();
        inFlight = fetch;
        fetchKeySet().whenComplete((result, error) -> {
            synchronized (this) {
                inFlight = null;
            }
            (error == null ? fetched : fetchFailed).increment();
            if (error != null) {
                LOG.warn("JWKS fetch from {} failed: {}", jwksUri().map(URI::toString).orElse(settings.issuer()), rootMessage(error));
                fetch.completeExceptionally(error);
            } else {
                fetch.complete(result);
            }
        });
        return fetch;
    }

    private void scheduledRefresh() {
        refresh(true).whenComplete((result, error) -> {
            Duration next;
            synchronized (this) {
                if (error == null) {
                    backoff = Duration.ofMillis(500);
                    next = nextRefresh;
                } else {
                    next = backoff;
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
            if (!scheduler.isShutdown()) {
                scheduler.schedule(this::scheduledRefresh, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private CompletableFuture<Map<String, VerificationKey>> fetchKeySet() {
        return jwksLocation().thenCompose(uri -> http.thenCompose(client -> client.sendAsync(get(uri), HttpResponse.BodyHandlers.ofString())))
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("JWKS answered HTTP " + response.statusCode());
                    }
                    Map<String, VerificationKey> parsed = parse(response.body());
                    keys = parsed;
                    if (lastKnown != null) {
                        lastKnown.write(response.body());
                    }
                    nextRefresh = maxAge(response).orElse(settings.jwksDefaultMaxAge());
                    LOG.info("JWKS loaded: {} signing key(s), next refresh in {}s", parsed.size(), nextRefresh.toSeconds());
                    return parsed;
                });
    }

    private CompletableFuture<URI> jwksLocation() {
        if (settings.jwksUri() != null) {
            return CompletableFuture.completedFuture(settings.jwksUri());
        }
        if (resolvedJwksUri != null) {
            return CompletableFuture.completedFuture(resolvedJwksUri);
        }
        return http.thenCompose(client -> client.sendAsync(get(settings.discoveryUri()), HttpResponse.BodyHandlers.ofString())).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("openid-configuration answered HTTP " + response.statusCode());
            }
            try {
                Object jwksUri = JSONObjectUtils.parse(response.body()).get("jwks_uri");
                if (!(jwksUri instanceof String uri)) {
                    throw new IllegalStateException("openid-configuration has no jwks_uri");
                }
                resolvedJwksUri = URI.create(uri);
                return resolvedJwksUri;
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("openid-configuration is not JSON", e);
            }
        });
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build();
    }

    private static Map<String, VerificationKey> parse(String body) {
        try {
            Map<String, VerificationKey> parsed = new HashMap<>();
            for (JWK jwk : JWKSet.parse(body).getKeys()) {
                VerificationKey.of(jwk).ifPresent(key -> parsed.put(key.kid(), key));
            }
            return Map.copyOf(parsed);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("JWKS is not a JWK Set", e);
        }
    }

    private Optional<Duration> maxAge(HttpResponse<?> response) {
        return response.headers().firstValue("Cache-Control").map(MAX_AGE::matcher).filter(Matcher::find)
                .map(m -> Duration.ofSeconds(Long.parseLong(m.group(1))))
                // Never hammer the issuer, never trust a cache for more than an hour.
                .map(d -> d.compareTo(settings.jwksMinRefetch()) < 0 ? settings.jwksMinRefetch() : d)
                .map(d -> d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    @PreDestroy
    public void close() {
        scheduler.shutdownNow();
    }
}
