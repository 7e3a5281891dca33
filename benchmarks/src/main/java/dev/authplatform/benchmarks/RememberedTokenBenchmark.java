package dev.authplatform.benchmarks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.common.revocation.RevocationSettings;
import dev.authplatform.common.verify.AccessTokenVerifier;
import dev.authplatform.common.verify.SigningKeys;
import dev.authplatform.common.verify.VerificationKey;
import dev.authplatform.common.verify.VerifiedToken;
import dev.authplatform.common.verify.VerifierSettings;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A protected request's verifier work for a caller seen before: the remembered-token lookup, expiry and revocation,
 * with one token and with many distinct tokens taken in turn (bench/run's "/api/me, 10000 tokens"). Each call gets
 * the token as a new string, as a request's header gives it, so its hash is computed every time.
 *
 * <pre>./mvnw -B -q -DskipTests package -pl benchmarks -am && java -jar benchmarks/target/benchmarks.jar RememberedTokenBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-XX:+UseSerialGC"}) // as the services run
public class RememberedTokenBenchmark {

    private static final String ISSUER = "http://localhost:8080";

    @Param({"1", "10000"})
    public int tokens;

    private RedisLink redis;
    private RedisRevocationView revocations;
    private AccessTokenVerifier verifier;
    private byte[][] compact;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        redis = new RedisLink(RedisClient.create(System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379")));
        RevocationSettings settings = new RevocationSettings("bench-" + UUID.randomUUID(), Duration.ofSeconds(2), Duration.ofMillis(500));
        revocations = new RedisRevocationView(redis, settings, "remembered-token-benchmark");
        VerifierFixtures.seedStore(redis, revocations);

        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").algorithm(JWSAlgorithm.RS256).generate();
        RSASSASigner signer = new RSASSASigner(key);
        VerificationKey verification = VerificationKey.of(key.toPublicJWK()).orElseThrow();
        SigningKeys keys = VerifierFixtures.oneKey(verification);
        verifier = new AccessTokenVerifier(new VerifierSettings(ISSUER, "platform", null, "at+jwt", Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofMinutes(5), 10_000), keys, revocations, new SimpleMeterRegistry());
        VerifierFixtures.awaitCurrent(revocations);
        Instant now = Instant.now();
        compact = new byte[tokens][];
        for (int i = 0; i < tokens; i++) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(new JOSEObjectType("at+jwt")).build(),
                    new JWTClaimsSet.Builder().issuer(ISSUER).audience("platform").subject(UUID.randomUUID().toString())
                            .claim("sid", UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString()).claim("roles", List.of("user"))
                            .claim("email", "bench-" + i + "@platform.test").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).build());
            jwt.sign(signer);
            compact[i] = jwt.serialize().getBytes(StandardCharsets.US_ASCII);
            verifier.verify(jwt.serialize()).toCompletableFuture().join(); // remembered, as after a caller's first request
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        VerifierFixtures.close(redis, revocations);
    }

    @Benchmark
    public VerifiedToken knownCaller() {
        int i = next;
        next = i + 1 == tokens ? 0 : i + 1;
        return verifier.verify(new String(compact[i], StandardCharsets.US_ASCII)).toCompletableFuture().join();
    }
}
