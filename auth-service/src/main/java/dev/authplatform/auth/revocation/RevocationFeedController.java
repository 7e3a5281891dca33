package dev.authplatform.auth.revocation;

import dev.authplatform.common.api.FeedSnapshot;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.common.verify.PlatformTokenValidator;
import dev.authplatform.common.verify.RequiredScopes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.constraints.Pattern;
import org.reactivestreams.Publisher;

import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The revocation feed over HTTP (docs/revocation-feed.md): {@code GET /revocation/snapshot} and
 * {@code GET /revocation/events} (Server-Sent Events, resumable with {@code Last-Event-ID}). Only for a token that
 * carries the {@value RevocationFeed#SCOPE} scope: a registered client's, through client credentials.
 */
@Controller("/revocation")
@Secured(SecurityRule.IS_AUTHENTICATED)
@RequiredScopes(RevocationFeed.SCOPE)
@ExecuteOn(TaskExecutors.BLOCKING)
class RevocationFeedController {

    /** {@code <generation>:<seq>}: the id of every event, what a consumer sends back to resume. */
    static final String EVENT_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9]{1,18}";

    private final RevocationFeed feed;
    private final RedisRevocationView view;

    RevocationFeedController(RevocationFeed feed, RedisRevocationView view) {
        this.feed = feed;
        this.view = view;
    }

    @Get("/snapshot")
    HttpResponse<FeedSnapshot> snapshot() {
        return HttpResponse.ok(feed.snapshot()).header("Cache-Control", "no-store");
    }

    /**
     * Without {@code Last-Event-ID} the stream is a single {@code reset}: a consumer starts from a snapshot, whose
     * {@code <generation>:<seq>} it then resumes from.
     */
    @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Object>> events(@Header("Last-Event-ID") @Nullable @Pattern(regexp = EVENT_ID) String lastEventId,
                                    Authentication caller) {
        String generation = lastEventId == null ? "" : lastEventId.substring(0, lastEventId.indexOf(':'));
        long seq = lastEventId == null ? 0 : Long.parseLong(lastEventId.substring(lastEventId.indexOf(':') + 1));
        return feed.open(generation, seq, whileTokenHolds(caller)).events();
    }

    /** A stream lives no longer than the token it was opened with: until it expires or is revoked. */
    private Predicate<Instant> whileTokenHolds(Authentication caller) {
        Map<String, Object> claims = caller.getAttributes();
        long expiresAt = (Long) claims.get(PlatformTokenValidator.EXPIRES_AT);
        String tokenId = (String) claims.get(PlatformTokenValidator.TOKEN_ID);
        String keyId = (String) claims.get(PlatformTokenValidator.KEY_ID);
        String sessionId = (String) claims.get(PlatformTokenValidator.SESSION_ID);
        String clientId = (String) claims.get(PlatformTokenValidator.CLIENT_ID);
        Instant issuedAt = Instant.ofEpochSecond((Long) claims.get(PlatformTokenValidator.ISSUED_AT));
        String subject = caller.getName();
        return now -> now.getEpochSecond() < expiresAt && !view.isRevoked(tokenId, keyId, sessionId, subject, clientId, issuedAt);
    }
}
