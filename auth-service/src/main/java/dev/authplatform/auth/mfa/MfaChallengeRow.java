package dev.authplatform.auth.mfa;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code mfa_challenges}: a correct password waiting for its second step. */
@MappedEntity("mfa_challenges")
public record MfaChallengeRow(@Id String tokenHash, UUID userId, Instant createdAt, Instant expiresAt, int failures,
                              @Nullable Instant usedAt) {
}
