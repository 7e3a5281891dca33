package dev.authplatform.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.authplatform.common.crypto.NativeCrypto;
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
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What signing one access token costs auth-service, for each algorithm it signs with, with the native crypto provider
 * the services install at start (NativeCrypto) and with the JDK's own: the part of a refresh or a client-credentials
 * token that no caching can remove. EdDSA is signed by Tink whatever the provider.
 *
 * <pre>./mvnw -B -q -DskipTests package -pl benchmarks -am && java -jar benchmarks/target/benchmarks.jar SigningBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // the native provider loads its library
public class SigningBenchmark {

    @Param({"RS256", "ES256", "EdDSA"})
    public String algorithm;

    @Param({"native", "jdk"})
    public String provider;

    private JWSSigner signer;
    private JWSHeader header;
    private JWTClaimsSet claims;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        System.setProperty(NativeCrypto.SETTING, provider); // each parameter set runs in a JVM of its own (@Fork)
        NativeCrypto.installAsConfigured();
        signer = switch (algorithm) {
            case "RS256" -> new RSASSASigner(new RSAKeyGenerator(2048).keyID("k1").generate());
            case "ES256" -> new ECDSASigner(new ECKeyGenerator(Curve.P_256).keyID("k1").generate());
            case "EdDSA" -> new Ed25519Signer(new OctetKeyPairGenerator(Curve.Ed25519).keyID("k1").generate());
            default -> throw new IllegalArgumentException(algorithm);
        };
        header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm)).keyID("k1").type(new JOSEObjectType("at+jwt")).build();
        Instant now = Instant.now();
        claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080").audience("platform").subject(UUID.randomUUID().toString())
                .claim("sid", UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString()).claim("roles", List.of("user"))
                .claim("email", "bench@platform.test").claim("amr", List.of("pwd")).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).build();
    }

    @Benchmark
    public String signAccessToken() throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
