package dev.authplatform.common.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * What a verifier knows about revocations, answered from memory (no network per request).
 * A view that cannot vouch for being current says so, and the verifier then refuses with 503.
 */
public interface RevocationView {

    /**
     * Whether a token issued at this instant has been revoked: the token itself (RFC 7009), its session ended, every
     * token of its subject issued before then refused (logout everywhere, disabled user, password change), or every
     * token of its client issued before then refused (a disabled, deleted or rotated client).
     *
     * @param tokenId   the token's {@code jti}
     * @param sessionId the token's {@code sid}, or null when it has none (a service token)
     * @param clientId  the token's {@code client_id}, or null when it has none
     */
    boolean isRevoked(String tokenId, String sessionId, String subject, String clientId, Instant issuedAt);

    /** Empty when the view is loaded and its subscription proved working within the staleness bound; else why not. */
    Optional<String> unavailableReason();
}
