package dev.authplatform.revocation;

import java.time.Instant;
import java.util.Optional;

/** What a verifier asks about revocations, from memory: whether a token is revoked, and whether the answer can be trusted. */
public interface RevocationLookup {

    /**
     * No revocation checking at all: every token is taken as unrevoked until it expires. Only to measure what the
     * check costs (bench/run); a service started with it logs a warning.
     */
    RevocationLookup UNCHECKED = new RevocationLookup() {
        @Override
        public boolean isRevoked(String tokenId, String sessionId, String subject, String clientId, Instant issuedAt) {
            return false;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }
    };

    /** See {@link RevokedEntries#isRevoked}. */
    boolean isRevoked(String tokenId, String sessionId, String subject, String clientId, Instant issuedAt);

    /** Empty while the answers can be trusted; else why not (protected requests then get 503). */
    Optional<String> unavailableReason();
}
