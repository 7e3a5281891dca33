package dev.authplatform.common.verify;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.authplatform.common.testing.MutableClock;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JWKS cache against a stand-in issuer that counts its fetches. */
class JwksKeySourceTest {

    private final FakeIssuer issuer = new FakeIssuer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    private JwksKeySource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        issuer.close();
    }

    @Test
    void discoversTheJwksFromTheIssuerAndLoadsItAtStart() {
        JWK key = issuer.addKey();
        source = new JwksKeySource(settings(null, Duration.ofSeconds(10)), clock);

        Poll.until(Duration.ofSeconds(5), "the first fetch", source::hasKeys);

        assertTrue(find(key.getKeyID()).isPresent());
        assertEquals(issuer.jwksUri(), source.jwksUri().orElseThrow());
    }

    @Test
    void itsTlsContextIsLoadedOnTheRefreshThreadNotOnTheOneStartingTheService() throws Exception {
        JWK key = issuer.addKey();
        CompletableFuture<String> loadedOn = new CompletableFuture<>();

        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock, new SimpleMeterRegistry(), () -> {
            loadedOn.complete(Thread.currentThread().getName());
            return null; // the JVM's default
        }, null);

        assertEquals("jwks-refresh", loadedOn.get(5, TimeUnit.SECONDS));
        Poll.until(Duration.ofSeconds(5), "the first fetch", source::hasKeys);
        assertTrue(find(key.getKeyID()).isPresent());
    }

    @Test
    void aTlsContextThatCannotBeLoadedFailsEveryFetchInsteadOfLeavingThemWaiting() throws Exception {
        issuer.addKey();

        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock, new SimpleMeterRegistry(), () -> {
            throw new ServiceConfigurationError("no TLS provider could be loaded"); // an Error, not an exception
        }, null);

        clock.advance(Duration.ofSeconds(2)); // past the minimum interval, so the lookup asks for a fetch of its own
        assertEquals(Optional.empty(), source.find("any-kid").toCompletableFuture().get(5, TimeUnit.SECONDS), "answered, not left waiting");
        assertFalse(source.hasKeys());
        assertEquals(0, issuer.fetches.get(), "nothing was fetched without the TLS context");
    }

    @Test
    void refreshesWhenTheIssuersMaxAgeRunsOut() {
        issuer.addKey();
        issuer.maxAge = 1;
        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock);

        Poll.until(Duration.ofSeconds(6), "three fetches without any lookup", () -> issuer.fetches.get() >= 3);
    }

    @Test
    void manyUnknownKidsAtOnceCauseOneFetch() {
        issuer.addKey();
        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock);
        Poll.until(Duration.ofSeconds(5), "the first fetch", source::hasKeys);
        clock.advance(Duration.ofSeconds(2)); // past the minimum interval since the first fetch
        int before = issuer.fetches.get();

        List<CompletableFuture<Optional<VerificationKey>>> lookups = IntStream.range(0, 100)
                .mapToObj(i -> source.find(UUID.randomUUID().toString()).toCompletableFuture()).toList();
        lookups.forEach(CompletableFuture::join);

        assertEquals(1, issuer.fetches.get() - before);
        assertTrue(lookups.stream().allMatch(l -> l.join().isEmpty()));
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() {
        issuer.addKey();
        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock);
        Poll.until(Duration.ofSeconds(5), "the first fetch", source::hasKeys);
        JWK rotated = issuer.addKey();
        clock.advance(Duration.ofSeconds(2));

        assertTrue(find(rotated.getKeyID()).isPresent());
    }

    @Test
    void aKeyRevocationFetchesTheReplacementAtOnceWhateverTheMinimumInterval() {
        JWK leaked = issuer.addKey();
        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(10)), clock);
        Poll.until(Duration.ofSeconds(5), "the first fetch", source::hasKeys);
        JWK replacement = issuer.addKey();
        assertTrue(find(replacement.getKeyID()).isEmpty(), "within the minimum interval a token cannot make it fetch");

        source.keyRevoked(leaked.getKeyID());

        Poll.until(Duration.ofSeconds(5), "the replacement to be fetched", () -> find(replacement.getKeyID()).isPresent());
    }

    @Test
    void keysAreKeptWhileTheIssuerIsDown() {
        JWK key = issuer.addKey();
        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock);
        Poll.until(Duration.ofSeconds(5), "the first fetch", source::hasKeys);
        issuer.failing = true;
        clock.advance(Duration.ofSeconds(2));

        assertTrue(find(UUID.randomUUID().toString()).isEmpty(), "the refetch fails");
        assertTrue(find(key.getKeyID()).isPresent(), "the cached key still verifies");
        assertTrue(source.hasKeys());
    }

    @Test
    void aVerifierStartedWhileTheIssuerIsDownUsesTheLastJwksItSaved(@TempDir Path directory) throws Exception {
        JWK key = issuer.addKey();
        Path file = directory.resolve("jwks.json");
        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock, new SimpleMeterRegistry(), null,
                new LastKnownJwks(file, issuer.base()));
        Poll.until(Duration.ofSeconds(5), "the first fetch to be saved", () -> Files.isRegularFile(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "the verifier's own");
        assertFalse(Files.readString(file).contains("\"d\""), "public keys only");
        source.close();
        issuer.failing = true;
        int fetchesBefore = issuer.fetches.get();

        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock, new SimpleMeterRegistry(), null,
                new LastKnownJwks(file, issuer.base()));

        assertTrue(source.hasKeys(), "ready at once, before any fetch");
        assertTrue(find(key.getKeyID()).isPresent(), "a token of a key it knew verifies");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(find(UUID.randomUUID().toString()).isEmpty(), "an unknown kid is refused while the issuer is down");
        assertTrue(issuer.fetches.get() > fetchesBefore, "and it keeps trying the issuer");
    }

    @Test
    void aSavedJwksOfAnotherIssuerIsNotUsed(@TempDir Path directory) {
        issuer.addKey();
        Path file = directory.resolve("jwks.json");
        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock, new SimpleMeterRegistry(), null,
                new LastKnownJwks(file, issuer.base()));
        Poll.until(Duration.ofSeconds(5), "the first fetch to be saved", () -> Files.isRegularFile(file));
        source.close();
        issuer.failing = true;

        source = new JwksKeySource(settings(issuer.jwksUri(), Duration.ofSeconds(1)), clock, new SimpleMeterRegistry(), null,
                new LastKnownJwks(file, "https://someone-else.example"));

        assertFalse(source.hasKeys());
    }

    private Optional<VerificationKey> find(String kid) {
        return source.find(kid).toCompletableFuture().join();
    }

    private VerifierSettings settings(URI jwksUri, Duration minRefetch) {
        return new VerifierSettings(issuer.base(), "platform", jwksUri, "at+jwt", Duration.ofSeconds(60), minRefetch,
                Duration.ofMinutes(5), 100);
    }

    /** An issuer that serves discovery and a JWKS, and counts JWKS fetches. */
    private static final class FakeIssuer implements AutoCloseable {

        final AtomicInteger fetches = new AtomicInteger();
        final List<JWK> keys = new CopyOnWriteArrayList<>();
        volatile int maxAge = 300;
        volatile boolean failing;
        private final HttpServer server;

        FakeIssuer() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/.well-known/openid-configuration",
                    exchange -> respond(exchange, 200, "{\"issuer\":\"" + base() + "\",\"jwks_uri\":\"" + jwksUri() + "\"}", null));
            server.createContext("/jwks", exchange -> {
                fetches.incrementAndGet();
                if (failing) {
                    respond(exchange, 500, "{}", null);
                } else {
                    respond(exchange, 200, new JWKSet(keys).toString(true), "public, max-age=" + maxAge);
                }
            });
            server.start();
        }

        JWK addKey() {
            try {
                JWK key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).algorithm(JWSAlgorithm.RS256)
                        .keyUse(KeyUse.SIGNATURE).generate();
                keys.add(key.toPublicJWK());
                return key;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String base() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        URI jwksUri() {
            return URI.create(base() + "/jwks");
        }

        private static void respond(HttpExchange exchange, int status, String body, String cacheControl) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (cacheControl != null) {
                exchange.getResponseHeaders().add("Cache-Control", cacheControl);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
