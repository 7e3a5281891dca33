package dev.authplatform.revocation;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Follows auth-service's revocation feed over HTTP (docs/revocation-feed.md) and answers from memory whether a token
 * is revoked. Framework-free: the Micronaut verifier ({@code common}) and the Spring Boot starter both wrap it.
 *
 * <p>It vouches for itself only while all of these hold: a snapshot is loaded; the stream that resumed from it is
 * open; every announcement on it came numbered one past the one before (a hole means one was lost: it loads a new
 * snapshot); and a probe came within the staleness bound, counting no announcement it has not heard. A stream that
 * ends or breaks stops the vouching at once, before anything is known to be missed: the stream resumes from the last
 * number heard, and the first probe after the replay vouches again.
 */
public final class RevocationFeedClient implements RevocationLookup, AutoCloseable {

    /** The scope the feed asks for. */
    public static final String SCOPE = "revocation:read";

    private static final Logger LOG = LoggerFactory.getLogger(RevocationFeedClient.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    // short: a consumer back within a second of the feed is what the fail-closed 503 promises
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(500);
    /** A token is renewed this long before it expires. */
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

    /**
     * @param base           auth-service as this service reaches it: the token endpoint and the feed are under it
     * @param clientId       a client with the client_credentials grant and the {@value #SCOPE} scope
     * @param clientSecret   its secret (HTTP Basic at the token endpoint)
     * @param stalenessBound how long without a probe before the view stops vouching
     * @param reconnectDelay the pause before reconnecting after a stream ended; doubled on each failure, up to 500 ms
     * @param tls            what HTTPS to auth-service trusts; null, or a supplier of null: the JVM's default
     */
    public record Settings(URI base, String clientId, String clientSecret, Duration stalenessBound, Duration reconnectDelay,
                           Supplier<SSLContext> tls) {

        public Settings {
            if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isBlank()) {
                throw new IllegalArgumentException("the revocation feed needs a client id and secret: a client with the "
                        + "client_credentials grant and the " + SCOPE + " scope");
            }
        }
    }

    private final Settings settings;
    private final CurrencyLog currency = new CurrencyLog(LOG, "the feed");
    private final String base;
    private final Clock clock = Clock.systemUTC();
    private final RevokedEntries entries = new RevokedEntries();
    private final Thread reader;
    private final Thread watchdog;
    private HttpClient http;

    private volatile boolean closed;
    private volatile boolean loaded;
    private volatile boolean streaming;
    private volatile boolean probeHeardSinceConnected;
    private volatile long lastProbeHeardNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private volatile String generation;
    private volatile long heardThrough;
    private volatile InputStream openStream;
    private volatile long streamOpenedNanos;
    private volatile String notCurrentBecause = "not loaded yet";
    private volatile String accessToken;
    private volatile Instant accessTokenRenewAt = Instant.EPOCH;
    private final LongAdder reloads = new LongAdder();
    private final Map<String, LongAdder> heardByKind = RevocationEntry.Kind.counters();

    /** Starts following the feed at once, on threads of its own. */
    public RevocationFeedClient(Settings settings) {
        this.settings = settings;
        String address = settings.base().toString();
        this.base = address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
        this.reader = Thread.ofPlatform().daemon().name("revocation-feed").start(this::follow);
        this.watchdog = Thread.ofPlatform().daemon().name("revocation-feed-watchdog").start(this::watch);
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
        if (!loaded) {
            return Optional.of("the revocation feed is not loaded (" + notCurrentBecause + ")");
        }
        if (!streaming) {
            return Optional.of("the revocation feed is not connected (" + notCurrentBecause + ")");
        }
        if (!probeHeardSinceConnected) {
            return Optional.of("the revocation feed has not been confirmed since it connected");
        }
        if (System.nanoTime() - lastProbeHeardNanos > settings.stalenessBound().toNanos()) {
            return Optional.of("the revocation feed has not been confirmed within " + settings.stalenessBound().toMillis() + " ms");
        }
        return Optional.empty();
    }

    /** Seconds since the last probe was heard. */
    public double secondsSinceConfirmed() {
        return (System.nanoTime() - lastProbeHeardNanos) / 1e9;
    }

    /** How many snapshots have been loaded. */
    public long reloads() {
        return reloads.sum();
    }

    /** Announcements heard on the stream, by kind. */
    public Map<String, LongAdder> heardByKind() {
        return heardByKind;
    }

    /** The reader's loop: load a snapshot when there is none, follow the stream from it, reconnect when it ends. */
    private void follow() {
        Duration delay = settings.reconnectDelay();
        while (!closed) {
            try {
                if (http == null) {
                    http = buildClient();
                }
                if (!loaded) {
                    loadSnapshot();
                }
                if (stream()) {
                    delay = settings.reconnectDelay(); // it worked for a while: come back quickly
                }
            } catch (IOException | RuntimeException e) {
                notCurrentBecause = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.debug("revocation feed: {}", notCurrentBecause);
            } catch (InterruptedException e) {
                return;
            } finally {
                streaming = false;
                openStream = null;
            }
            logTransitions();
            if (closed) {
                return;
            }
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            delay = delay.multipliedBy(2).compareTo(MAX_RECONNECT_DELAY) > 0 ? MAX_RECONNECT_DELAY : delay.multipliedBy(2);
        }
    }

    private void loadSnapshot() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(authorized(URI.create(base + "/revocation/snapshot"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw failure("snapshot", response.statusCode());
        }
        Map<String, Object> snapshot = json(response.body());
        List<?> listed = snapshot.get("entries") instanceof List<?> list ? list : null;
        reloads.increment();
        if (listed != null) {
            for (Object entry : listed) {
                if (entry instanceof Map<?, ?> fields) {
                    entryOf(fields).ifPresent(entries::add);
                }
            }
        }
        if (!(snapshot.get("generation") instanceof String snapshotGeneration)) {
            throw new IOException("the feed's snapshot has no generation");
        }
        generation = snapshotGeneration;
        heardThrough = number(snapshot, "seq");
        loaded = true;
        LOG.debug("revocation feed snapshot loaded: {} entries, generation {}, through {}", listed == null ? 0 : listed.size(),
                generation, heardThrough);
    }

    /** Follows one stream until it ends; answers whether it was confirmed at least once. */
    private boolean stream() throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(authorized(URI.create(base + "/revocation/events"))
                .header("Accept", "text/event-stream").header("Last-Event-ID", generation + ":" + heardThrough)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw failure("events", response.statusCode());
        }
        boolean confirmed = false;
        try (InputStream body = response.body()) {
            streamOpenedNanos = System.nanoTime();
            openStream = body;
            probeHeardSinceConnected = false;
            streaming = true;
            ServerSentEvents events = new ServerSentEvents(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
            Optional<ServerSentEvents.Message> next;
            while (!closed && (next = events.next()).isPresent()) {
                ServerSentEvents.Message message = next.get();
                switch (message.event()) {
                    case "revoked" -> {
                        if (!onRevoked(json(message.data()))) {
                            return confirmed;
                        }
                    }
                    case "probe" -> {
                        if (!onProbe(json(message.data()))) {
                            return confirmed;
                        }
                        confirmed = true;
                    }
                    case "reset" -> {
                        startAgain("the feed said: " + json(message.data()).get("reason"));
                        return confirmed;
                    }
                    default -> { } // an event this version does not know
                }
                logTransitions();
            }
            notCurrentBecause = "the stream ended";
            return confirmed;
        }
    }

    /** Applies an announcement; false when one before it was lost (the stream is then left for a new snapshot). */
    private boolean onRevoked(Map<String, Object> announced) throws IOException {
        Optional<RevocationEntry> entry = entryOf(announced);
        entry.ifPresent(entries::add); // applied whatever its number: an entry only ever refuses more
        entry.ifPresent(revoked -> heardByKind.get(revoked.kind().label()).increment());
        long seq = number(announced, "seq");
        if (seq > heardThrough + 1) {
            startAgain("announcements " + (heardThrough + 1) + " to " + (seq - 1) + " were not heard");
            return false;
        }
        heardThrough = Math.max(heardThrough, seq);
        return true;
    }

    private boolean onProbe(Map<String, Object> probe) throws IOException {
        String probeGeneration = String.valueOf(probe.get("generation"));
        long seq = number(probe, "seq");
        if (!probeGeneration.equals(generation) || seq > heardThrough) {
            startAgain("a probe counted announcements not heard (" + probeGeneration + ":" + seq + ")");
            return false;
        }
        lastProbeHeardNanos = System.nanoTime();
        probeHeardSinceConnected = true;
        return true;
    }

    private void startAgain(String why) {
        notCurrentBecause = why;
        streaming = false;
        loaded = false;
        LOG.info("revocation feed: loading a new snapshot: {}", why);
    }

    /** Closes a stream that has gone silent past the staleness bound (a dead peer sends no FIN), and forgets the expired. */
    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(Math.max(50, settings.stalenessBound().toMillis() / 4));
            } catch (InterruptedException e) {
                return;
            }
            entries.purgeBefore(clock.instant().getEpochSecond());
            InputStream current = openStream;
            long heardFrom = Math.max(lastProbeHeardNanos - streamOpenedNanos, 0) + streamOpenedNanos;
            if (current != null && System.nanoTime() - heardFrom > settings.stalenessBound().toNanos() * 2) {
                notCurrentBecause = "the stream went silent";
                streaming = false;
                closeQuietly(current);
            }
            logTransitions();
        }
    }

    private HttpRequest.Builder authorized(URI uri) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken());
    }

    /** A client-credentials token for the feed (RFC 6749 section 4.4), kept until shortly before it expires. */
    private String accessToken() throws IOException, InterruptedException {
        if (accessToken != null && clock.instant().isBefore(accessTokenRenewAt)) {
            return accessToken;
        }
        HTTPRequest request = new TokenRequest(URI.create(base + "/oauth2/token"),
                new ClientSecretBasic(new ClientID(settings.clientId()), new Secret(settings.clientSecret())),
                new ClientCredentialsGrant(), new Scope(SCOPE)).toHTTPRequest();
        HttpRequest.Builder sent = HttpRequest.newBuilder(request.getURI()).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(request.getBody()));
        request.getHeaderMap().forEach((name, values) -> values.forEach(value -> sent.header(name, value)));
        HttpResponse<String> answer = http.send(sent.build(), HttpResponse.BodyHandlers.ofString());
        HTTPResponse parsed = new HTTPResponse(answer.statusCode());
        answer.headers().firstValue("Content-Type").ifPresent(type -> parsed.setHeader("Content-Type", type));
        parsed.setBody(answer.body());
        try {
            TokenResponse tokens = TokenResponse.parse(parsed);
            if (!tokens.indicatesSuccess()) {
                throw new IllegalStateException("the token endpoint refused the feed's client: "
                        + tokens.toErrorResponse().getErrorObject().getCode());
            }
            AccessTokenResponse success = tokens.toSuccessResponse();
            long lifetime = success.getTokens().getAccessToken().getLifetime();
            accessToken = success.getTokens().getAccessToken().getValue();
            accessTokenRenewAt = clock.instant().plusSeconds(Math.max(0, lifetime - TOKEN_MARGIN.toSeconds()));
            return accessToken;
        } catch (ParseException e) {
            throw new IllegalStateException("the token endpoint answered HTTP " + answer.statusCode() + " with no token response");
        }
    }

    private IllegalStateException failure(String what, int status) {
        if (status == 401) {
            accessToken = null; // revoked or expired: the next attempt asks for a new one
        }
        return new IllegalStateException("the feed's " + what + " answered HTTP " + status);
    }

    private HttpClient buildClient() {
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        SSLContext context = settings.tls() == null ? null : settings.tls().get();
        return (context == null ? client : client.sslContext(context)).build();
    }

    /** An entry of a snapshot or a {@code revoked} event; empty for a kind this version does not know. */
    private static Optional<RevocationEntry> entryOf(Map<?, ?> fields) {
        return RevocationEntry.Kind.ofLabel(String.valueOf(fields.get("kind"))).map(kind -> new RevocationEntry(kind,
                String.valueOf(fields.get("id")),
                fields.get("notBefore") instanceof Number notBefore ? notBefore.longValue() : 0,
                ((Number) fields.get("until")).longValue()));
    }

    private static long number(Map<String, Object> fields, String name) throws IOException {
        if (fields.get(name) instanceof Number value) {
            return value.longValue();
        }
        throw new IOException("the feed sent an event without " + name);
    }

    private static Map<String, Object> json(String text) throws IOException {
        try {
            return JSONObjectUtils.parse(text);
        } catch (java.text.ParseException e) {
            throw new IOException("the feed sent something that is not JSON");
        }
    }

    private void logTransitions() {
        currency.observe(unavailableReason(), entries::summary);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        watchdog.interrupt();
        InputStream current = openStream;
        if (current != null) {
            closeQuietly(current);
        }
    }
}
