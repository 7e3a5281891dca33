package dev.authplatform.auth.oauth.client;

import dev.authplatform.auth.oauth.OpaqueTokens;

import java.security.MessageDigest;
import java.util.Base64;

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
        String expected = stored == null || !stored.startsWith(PREFIX) ? PREFIX + OpaqueTokens.hash("") : stored;
        String actual = PREFIX + OpaqueTokens.hash(presented == null ? "" : presented);
        boolean equal = MessageDigest.isEqual(Base64.getUrlDecoder().decode(actual.substring(PREFIX.length())),
                Base64.getUrlDecoder().decode(expected.substring(PREFIX.length())));
        return equal && stored != null && presented != null;
    }
}
