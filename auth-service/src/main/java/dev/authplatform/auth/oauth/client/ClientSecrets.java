package dev.authplatform.auth.oauth.client;

import dev.authplatform.auth.oauth.OpaqueTokens;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * Client secrets: 256 random bits, shown once, stored as their SHA-256 ({@link OpaqueTokens}), compared in constant
 * time. The {@code sha256:} prefix leaves room for another scheme later.
 */
final class ClientSecrets {

    private static final String PREFIX = "sha256:";

    private ClientSecrets() {
    }

    static String generate() {
        return OpaqueTokens.generate();
    }

    static String hash(String secret) {
        return PREFIX + OpaqueTokens.hash(secret);
    }

    /** Whether {@code presented} is the secret whose hash is {@code stored}; false for a missing hash, after the same work. */
    static boolean matches(String presented, String stored) {
        String expected = stored == null ? hash("") : stored;
        boolean equal = MessageDigest.isEqual(hash(presented == null ? "" : presented).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
        return equal && stored != null && presented != null;
    }
}
