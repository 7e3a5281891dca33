package dev.authplatform.auth.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code sessions}: one login, identified by the {@code sid} its tokens carry. */
@MappedEntity("sessions")
public record SessionRow(@Id UUID id,
                         UUID userId,
                         Instant createdAt,
                         Instant lastUsedAt,
                         Instant expiresAt,
                         UUID refreshJti,
                         @Nullable Instant revokedAt) {
}
