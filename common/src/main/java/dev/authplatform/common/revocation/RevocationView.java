package dev.authplatform.common.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * What a verifier knows about revocations, answered from memory (no network per request).
 * A view that cannot vouch for being current says so, and the verifier then refuses with 503.
 */
public interface RevocationView {

    /** Whether a token of this session and subject, issued at this instant, has been revoked. */
    boolean isRevoked(String sessionId, String subject, Instant issuedAt);

    /** Empty when the view is loaded and its subscription proved working within the staleness bound; else why not. */
    Optional<String> unavailableReason();
}
