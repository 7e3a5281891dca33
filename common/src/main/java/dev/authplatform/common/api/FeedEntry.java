package dev.authplatform.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.authplatform.revocation.RevocationEntry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;


/**
 * One revocation on the revocation feed (docs/revocation-feed.md): an entry of a snapshot, or the data of a
 * {@code revoked} event, which also carries its sequence number.
 *
 * @param seq       the announcement's number (events only)
 * @param kind      {@code session}, {@code user}, {@code client} or {@code token}
 * @param id        the {@code sid}, {@code sub}, {@code client_id} or {@code jti} it covers
 * @param notBefore for {@code user} and {@code client}: tokens with an {@code iat} before this epoch second are refused
 * @param until     epoch second after which the entry covers no unexpired token and may be forgotten
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedEntry(@Nullable Long seq, String kind, String id, @Nullable Long notBefore, long until) {

    public static FeedEntry of(RevocationEntry entry, @Nullable Long seq) {
        boolean ranged = entry.kind() == RevocationEntry.Kind.USER || entry.kind() == RevocationEntry.Kind.CLIENT;
        return new FeedEntry(seq, entry.kind().label(), entry.id(), ranged ? entry.notBefore() : null, entry.until());
    }
}
