package dev.authplatform.auth.mfa;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * RFC 6238 codes as every authenticator app makes them (HMAC-SHA1, 6 digits, 30 s steps), through java-otp. A code is
 * accepted for the current step and one step either side (clock drift); which step matched is returned, so the
 * caller can refuse a step already used.
 */
final class TotpCodes {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TotpCodes() {
    }

    /** 160 random bits (RFC 4226's recommended length), Base32 without padding, as apps expect it. */
    static String newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** The step of {@code now} the code belongs to, if it is a code of this secret for now ±1 step. */
    static OptionalLong matchingStep(String base32Secret, String code, Instant now) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS,
                TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(base32Secret), TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
        long current = now.getEpochSecond() / STEP.toSeconds();
        OptionalLong matched = OptionalLong.empty();
        for (long step = current - 1; step <= current + 1; step++) { // every step is computed: the time says nothing
            try {
                String expected = generator.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.toSeconds()));
                if (MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                    matched = OptionalLong.of(step);
                }
            } catch (InvalidKeyException e) {
                throw new IllegalStateException("a stored TOTP secret is not a valid key", e);
            }
        }
        return matched;
    }
}
