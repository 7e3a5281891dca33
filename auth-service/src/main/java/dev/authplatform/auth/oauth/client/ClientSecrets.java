package dev.authplatform.auth.oauth.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client secrets: 256 random bits, shown once, stored as their SHA-256. A slow password hash would protect nothing
 * more here (the secret cannot be guessed, unlike a password) and would cost on every token request.
 * Comparison is constant time (MessageDigest.isEqual).
 */
final class ClientSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "sha256:";

    private ClientSecrets() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(secret));
    }

    /** Whether {@code presented} is the secret whose hash is {@code stored}; false for a missing hash. */
    static boolean matches(String presented, String stored) {
        byte[] expected = stored == null || !stored.startsWith(PREFIX)
                ? new byte[32] : Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
        boolean equal = MessageDigest.isEqual(sha256(presented == null ? "" : presented), expected);
        return equal && stored != null;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
