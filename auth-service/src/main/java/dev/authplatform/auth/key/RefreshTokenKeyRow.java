package dev.authplatform.auth.key;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code refresh_token_keys}: an HMAC key as a JWK, sealed by {@link PrivateKeyProtection}. */
@MappedEntity("refresh_token_keys")
record RefreshTokenKeyRow(@Id String kid, String secretJwk, Instant createdAt, @Nullable Instant revokedAt) {
}
