package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * One of the caller's sessions ({@code GET /auth/sessions}): one sign-in and the tokens it has been refreshing since.
 *
 * @param id         the session id, the {@code sid} of its tokens; {@code DELETE /auth/sessions/{id}} ends it
 * @param lastUsedAt when it last signed in or refreshed its tokens
 * @param clientId   the OAuth client it was started for; null for the JSON API
 * @param ipAddress  the client address it was started from, when known
 * @param userAgent  the User-Agent it was started with, when known
 * @param current    whether it is the session of the token that asked
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionInfo(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, @Nullable String clientId,
                          @Nullable String ipAddress, @Nullable String userAgent, boolean current) {
}
