package dev.authplatform.auth.password;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Argon2id by libsodium (Debian's libsodium23, through JNA): the same algorithm and the same PHC strings as libargon2
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, a 16-byte salt and a 32-byte hash, each library reading the
 * other's), computed with the processor's vector instructions, which Debian's libargon2 does not use: a fifth to a
 * third less time a hash here (PasswordHashBenchmark: 25.1 against 31.0 ms). libsodium hashes with one lane only, so
 * it serves parallelism 1 (the OWASP setting) and leaves other hashes to libargon2.
 */
final class Libsodium {

    /** The C functions used, as libsodium declares them ({@code size_t} and {@code unsigned long long} are 64-bit here). */
    interface Functions extends Library {
        int sodium_init();

        int crypto_pwhash_alg_argon2id13();

        int crypto_pwhash_str_alg(byte[] out, byte[] passwd, long passwdlen, long opslimit, long memlimit, int alg);

        int crypto_pwhash_str_verify(byte[] str, byte[] passwd, long passwdlen);
    }

    /** {@code crypto_pwhash_STRBYTES}: room for the PHC string and its terminating zero. */
    private static final int STRING_BYTES = 128;
    /** The hashes libsodium can check: Argon2id, version 19, one lane. */
    private static final Pattern ONE_LANE_ARGON2ID = Pattern.compile("^\\$argon2id\\$v=19\\$m=\\d+,t=\\d+,p=1\\$[^$]+\\$[^$]+$");

    private final Functions sodium;
    private final int argon2id;

    private Libsodium(Functions sodium) {
        this.sodium = sodium;
        this.argon2id = sodium.crypto_pwhash_alg_argon2id13();
    }

    /** The library, initialised; empty where it cannot be loaded (not installed, another platform). */
    static Optional<Libsodium> load() {
        Functions functions = Native.load("sodium", Functions.class);
        if (functions.sodium_init() < 0) {
            return Optional.empty();
        }
        return Optional.of(new Libsodium(functions));
    }

    /** A new Argon2id hash (one lane) with a fresh random salt, as a PHC string. */
    String hash(String password, int iterations, int memoryKib) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[STRING_BYTES];
        try {
            if (sodium.crypto_pwhash_str_alg(out, secret, secret.length, iterations, memoryKib * 1024L, argon2id) != 0) {
                throw new IllegalStateException("libsodium could not hash (out of memory?)");
            }
            int end = 0;
            while (out[end] != 0) {
                end++;
            }
            return new String(out, 0, end, StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Whether libsodium can check this stored hash (see the class comment). */
    static boolean canVerify(String storedHash) {
        return ONE_LANE_ARGON2ID.matcher(storedHash).matches();
    }

    /** Whether the password matches the stored hash; libsodium compares in constant time. */
    boolean verify(String storedHash, String password) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        byte[] phc = Arrays.copyOf(storedHash.getBytes(StandardCharsets.US_ASCII), storedHash.length() + 1); // zero-terminated
        try {
            return sodium.crypto_pwhash_str_verify(phc, secret, secret.length) == 0;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }
}
