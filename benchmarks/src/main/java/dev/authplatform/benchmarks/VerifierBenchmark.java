package dev.authplatform.benchmarks;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.crypto.NativeCrypto;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.revocation.RevocationEntry;
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

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The access-token verifier alone, as resource-service runs it: one valid token, checked with the cache of verified
 * tokens (a token seen before: expiry and revocation only) and without it (signature, claims, revocation every time),
 * for each algorithm the platform signs with; and the revocation lookup by itself, against a view that holds 10,000
 * revoked sessions. The view is the real one, on the local Redis (127.0.0.1:6379, or REDIS_URI), in a namespace of
 * its own. Each with the native crypto provider the services install at start, and with the JDK's own.
 *
 * <pre>./mvnw -B -q -DskipTests package -pl benchmarks -am && java -jar benchmarks/target/benchmarks.jar VerifierBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // the native provider loads its library
public class VerifierBenchmark {

    private static final String ISSUER = "http://localhost:8080";

    @Param({"RS256", "ES256", "EdDSA"})
    public String algorithm;

    /** The JCA provider, as a service chooses it at start (NativeCrypto): {@code native} or {@code jdk}. */
    @Param({"native", "jdk"})
    public String provider;

    private RedisLink redis;
    private RedisRevocationView revocations;
    private AccessTokenVerifier cached;
    private AccessTokenVerifier uncached;
    private String token;
    private VerifiedToken claims;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        System.setProperty(NativeCrypto.SETTING, provider); // each parameter set runs in a JVM of its own (@Fork)
        NativeCrypto.installAsConfigured();
        redis = new RedisLink(RedisClient.create(System.getenv().getOrDefault("REDIS_URI", "redis://127.0.0.1:6379")));
        RevocationSettings settings = new RevocationSettings("bench-" + UUID.randomUUID(), Duration.ofSeconds(2), Duration.ofMillis(500));
        revocations = new RedisRevocationView(redis, settings, "verifier-benchmark");
        long until = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        for (int i = 0; i < 10_000; i++) {
            revocations.record(RevocationEntry.session(UUID.randomUUID().toString(), until));
        }
        VerifierFixtures.seedStore(redis, revocations);

        JWK key = switch (algorithm) {
            case "RS256" -> new RSAKeyGenerator(2048).keyID("k1").algorithm(JWSAlgorithm.RS256).generate();
            case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID("k1").algorithm(JWSAlgorithm.ES256).generate();
            case "EdDSA" -> new OctetKeyPairGenerator(Curve.Ed25519).keyID("k1").algorithm(JWSAlgorithm.EdDSA).generate();
            default -> throw new IllegalArgumentException(algorithm);
        };
        JWSSigner signer = switch (key) {
            case RSAKey rsa -> new RSASSASigner(rsa);
            case ECKey ec -> new ECDSASigner(ec);
            case OctetKeyPair okp -> new Ed25519Signer(okp);
            default -> throw new IllegalArgumentException(algorithm);
        };
        VerificationKey verification = VerificationKey.of(key.toPublicJWK()).orElseThrow();
        SigningKeys keys = VerifierFixtures.oneKey(verification);
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID("k1").type(new JOSEObjectType("at+jwt")).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience("platform").subject(UUID.randomUUID().toString())
                        .claim("sid", UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString()).claim("roles", List.of("user"))
                        .claim("email", "bench@platform.test").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).build());
        jwt.sign(signer);
        token = jwt.serialize();
        cached = new AccessTokenVerifier(settings(10_000), keys, revocations, new SimpleMeterRegistry());
        uncached = new AccessTokenVerifier(settings(0), keys, revocations, new SimpleMeterRegistry());
        VerifierFixtures.awaitCurrent(revocations);
        claims = cached.verify(token).toCompletableFuture().join();
    }


    private static VerifierSettings settings(int cacheSize) {
        return new VerifierSettings(ISSUER, "platform", null, "at+jwt", Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofMinutes(5), cacheSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        VerifierFixtures.close(redis, revocations);
    }

    @Benchmark
    public VerifiedToken verifyCacheHit() {
        return cached.verify(token).toCompletableFuture().join();
    }

    @Benchmark
    public VerifiedToken verifyCacheMiss() {
        return uncached.verify(token).toCompletableFuture().join();
    }

    @Benchmark
    public boolean revocationCheck() {
        return revocations.isRevoked(claims.tokenId(), claims.keyId(), claims.sessionId(), claims.subject(), claims.clientId(), claims.issuedAt());
    }
}
