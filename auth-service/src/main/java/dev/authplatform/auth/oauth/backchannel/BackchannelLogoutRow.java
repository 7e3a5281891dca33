package dev.authplatform.auth.oauth.backchannel;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code backchannel_logouts}: one client to be told that one of its sessions ended. */
@MappedEntity("backchannel_logouts")
public record BackchannelLogoutRow(@Id UUID sessionId,
                                   String clientId,
                                   UUID userId,
                                   Instant queuedAt,
                                   int attempts,
                                   Instant nextAttemptAt,
                                   @Nullable Instant finishedAt,
                                   @Nullable String outcome) {
}
