package dev.authplatform.auth.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code account_tokens}: one emailed link, by the SHA-256 of its token. */
@MappedEntity("account_tokens")
public record AccountTokenRow(@Id String tokenHash,
                              String purpose,
                              UUID userId,
                              String emailNormalized,
                              Instant createdAt,
                              Instant expiresAt,
                              @Nullable Instant usedAt) {
}
