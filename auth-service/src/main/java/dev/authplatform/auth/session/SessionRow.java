package dev.authplatform.auth.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code sessions}: one login, identified by the {@code sid} its tokens carry.
 *
 * @param clientId           the client the session's refresh tokens are bound to; null for the JSON API
 * @param scope              the scopes granted to that client, space-separated; null for the JSON API
 * @param previousRefreshJti the refresh token rotated away last, for the retry grace
 * @param signinSession      the hash of the browser sign-in session it was started from; null when none
 * @param clientAddress      the address the session was started from, when known
 * @param userAgent          the User-Agent it was started with, when known
 * @param amr                how the user signed in, RFC 8176 values space-separated ("pwd", "pwd otp"); its tokens say so
 */
@MappedEntity("sessions")
public record SessionRow(@Id UUID id,
                         UUID userId,
                         Instant createdAt,
                         Instant lastUsedAt,
                         Instant expiresAt,
                         UUID refreshJti,
                         @Nullable Instant revokedAt,
                         @Nullable String clientId,
                         @Nullable String scope,
                         @Nullable UUID previousRefreshJti,
                         @Nullable String signinSession,
                         @Nullable String clientAddress,
                         @Nullable String userAgent,
                         String amr) {

    /** {@link #amr()} as the list the tokens carry. */
    public List<String> amrList() {
        return List.of(amr.split(" "));
    }
}
