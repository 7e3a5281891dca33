package dev.authplatform.revocation;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** What a verifier asks about revocations, from memory: whether a token is revoked, and whether the answer can be trusted. */
public interface RevocationLookup {

    /**
     * No revocation checking at all: every token is taken as unrevoked until it expires. Only to measure what the
     * check costs (bench/run); a service started with it logs a warning.
     */
    RevocationLookup UNCHECKED = new RevocationLookup() {
        @Override
        public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
            return false;
        }

        @Override
        public boolean isKeyRevoked(String keyId) {
            return false;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }
    };

    /**
     * Whether a token issued at this instant has been revoked: the token itself (RFC 7009), its session ended, every
     * token of its subject issued before then refused (logout everywhere, disabled user, password change), or every
     * token of its client issued before then refused (a disabled, deleted or rotated client), or the key that signed it
     * revoked (a compromised key: every token it signed is refused).
     *
     * @param tokenId   the token's {@code jti}
     * @param keyId     the {@code kid} of the key that signed it
     * @param sessionId the token's {@code sid}, or null when it has none (a service token)
     * @param clientId  the token's {@code client_id}, or null when it has none
     */
    boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt);

    /** Whether the signing key named {@code keyId} has been revoked in an emergency. */
    boolean isKeyRevoked(String keyId);

    /** See {@link RevokedEntries#whenKeyRevoked}; nothing is heard by a lookup that hears nothing. */
    default void whenKeyRevoked(Consumer<String> listener) {
    }

    /** Empty while the answers can be trusted; else why not (protected requests then get 503). */
    Optional<String> unavailableReason();
}
