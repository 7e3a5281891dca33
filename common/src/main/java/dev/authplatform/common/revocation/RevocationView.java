package dev.authplatform.common.revocation;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a verifier knows about revocations, answered from memory (no network per request).
 * A view that cannot vouch for being current says so, and the verifier then refuses with 503.
 */
public interface RevocationView {

    /** Where a verifier's view comes from: {@value #SOURCE_REDIS} (the default), {@value #SOURCE_FEED} or {@value #SOURCE_NONE}. */
    String SOURCE_PROPERTY = "auth.revocation.source";
    /** The platform's Redis: the store, the channel, the view's own probes ({@link RedisRevocationView}). */
    String SOURCE_REDIS = "redis";
    /** auth-service's revocation feed over HTTP: no Redis access at all ({@link FeedRevocationView}). */
    String SOURCE_FEED = "feed";
    /** No revocation checking: only to measure what the check costs ({@link UncheckedRevocationView}). */
    String SOURCE_NONE = "none";

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

    /** For metrics: seconds since the view was last confirmed current end to end. */
    default double secondsSinceConfirmed() {
        return 0;
    }

    /** For metrics: seconds the last confirmation took to travel (publish to delivery), or -1 when unknown. */
    default double channelLagSeconds() {
        return -1;
    }

    /** For metrics: how many times the view loaded everything anew (start, a lost connection, a gap). */
    default long reloads() {
        return 0;
    }

    /** For metrics: announcements heard, by kind (session, token, user, client). */
    default Map<String, LongAdder> heardByKind() {
        return Map.of();
    }
}
