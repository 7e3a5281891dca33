package dev.authplatform.auth.mfa;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code mfa_recovery_codes}: one single-use recovery code, by its SHA-256. */
@MappedEntity("mfa_recovery_codes")
public record RecoveryCodeRow(@Id String codeHash, UUID userId, Instant createdAt, @Nullable Instant usedAt) {
}
