package dev.authplatform.common.testing;

import org.apache.commons.codec.binary.Base32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;

/**
 * RFC 6238 written out for the tests, independently of the library the service uses: HMAC-SHA1 over the 30 s step
 * counter, dynamic truncation (RFC 4226 section 5.3), six digits. Checked against RFC 6238's own test vector.
 */
public final class Totp {

    private Totp() {
    }

    /** The time step an instant falls in. */
    public static long step(Instant at) {
        return at.getEpochSecond() / 30;
    }

    /** The code for a Base32 secret at a step. */
    public static String code(String base32Secret, long step) {
        return code(new Base32().decode(base32Secret), step, 6);
    }

    public static String code(byte[] key, long step, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            int modulo = (int) Math.pow(10, digits);
            return String.format("%0" + digits + "d", binary % modulo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A six-digit code that is none of the secret's codes around now: certainly wrong. */
    public static String wrongCode(String base32Secret) {
        long now = step(Instant.now());
        java.util.Set<String> valid = new java.util.HashSet<>();
        for (long s = now - 2; s <= now + 2; s++) {
            valid.add(code(base32Secret, s));
        }
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!valid.contains(code)) {
                return code;
            }
        }
    }
}
