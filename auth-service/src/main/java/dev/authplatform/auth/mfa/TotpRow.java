package dev.authplatform.auth.mfa;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code mfa_totp}: the user's TOTP secret (sealed), and the last time step a code was accepted for. */
@MappedEntity("mfa_totp")
public record TotpRow(@Id UUID userId, String secret, Instant createdAt, @Nullable Instant confirmedAt, long lastStep) {
}
