package dev.authplatform.common.revocation;

import dev.authplatform.revocation.RevocationLookup;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a verifier knows about revocations, answered from memory (no network per request), as a Micronaut bean with
 * its metrics. A view that cannot vouch for being current says so, and the verifier then refuses with 503.
 */
public interface RevocationView extends RevocationLookup {

    /** Where a verifier's view comes from: {@value #SOURCE_REDIS} (the default), {@value #SOURCE_FEED} or {@value #SOURCE_NONE}. */
    String SOURCE_PROPERTY = "auth.revocation.source";
    /** The platform's Redis: the store, the channel, the view's own probes ({@link RedisRevocationView}). */
    String SOURCE_REDIS = "redis";
    /** auth-service's revocation feed over HTTP: no Redis access at all ({@link FeedRevocationView}). */
    String SOURCE_FEED = "feed";
    /** No revocation checking: only to measure what the check costs ({@link UncheckedRevocationView}). */
    String SOURCE_NONE = "none";

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
