package dev.authplatform.benchmarks;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import com.sun.jna.Library;
import com.sun.jna.Native;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One Argon2id password hash alone, at auth-service's parameters (auth.password.*: 19 MiB, t=2, p=1, OWASP's; a
 * 16-byte salt and a 32-byte hash), with each implementation auth-service can use: Debian's libsodium (the default;
 * bound here as auth-service binds it, through JNA), Debian's libargon2 through argon2-jvm, and Password4j in pure
 * Java (where neither library is installed). {@code warm} is a hash once the JIT has done its work; {@code firstTen}
 * is the first ten hashes of a fresh JVM, what a login pays right after a start.
 *
 * <pre>./mvnw -B -q -DskipTests package -pl benchmarks -am && java -jar benchmarks/target/benchmarks.jar PasswordHashBenchmark</pre>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED") // JNA loads libsodium and libargon2
public class PasswordHashBenchmark {

    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PASSWORD = "correct-horse-battery-1";

    @Param({"libsodium", "libargon2", "password4j"})
    public String implementation;

    /** The libsodium functions auth-service's {@code Libsodium} calls. */
    public interface Sodium extends Library {
        int sodium_init();

        int crypto_pwhash_alg_argon2id13();

        int crypto_pwhash_str_alg(byte[] out, byte[] passwd, long passwdlen, long opslimit, long memlimit, int alg);
    }

    private Sodium sodium;
    private Argon2Advanced libargon2;
    private Argon2Function password4j;

    @Setup
    public void setUp() {
        if (implementation.equals("libsodium")) {
            sodium = Native.load("sodium", Sodium.class);
            if (sodium.sodium_init() < 0) {
                throw new IllegalStateException("libsodium did not initialise");
            }
        } else if (implementation.equals("libargon2")) {
            libargon2 = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, HASH_BYTES);
        } else {
            password4j = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public String warm() {
        return hash();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1, batchSize = 10)
    @Fork(value = 3, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
    public String firstTen() {
        return hash();
    }

    private String hash() {
        if (sodium != null) {
            byte[] out = new byte[128];
            byte[] secret = PASSWORD.getBytes(StandardCharsets.UTF_8);
            if (sodium.crypto_pwhash_str_alg(out, secret, secret.length, ITERATIONS, MEMORY_KIB * 1024L,
                    sodium.crypto_pwhash_alg_argon2id13()) != 0) {
                throw new IllegalStateException("libsodium could not hash");
            }
            return new String(out, StandardCharsets.US_ASCII);
        }
        if (libargon2 != null) {
            char[] chars = PASSWORD.toCharArray();
            try {
                return libargon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, StandardCharsets.UTF_8);
            } finally {
                libargon2.wipeArray(chars);
            }
        }
        return Password.hash(PASSWORD).addRandomSalt(SALT_BYTES).with(password4j).getResult();
    }
}
