package dev.authplatform.auth.revocation;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code revoked_tokens}: one access token revoked on its own (RFC 7009), kept until it expires. */
@MappedEntity("revoked_tokens")
public record RevokedTokenRow(@Id UUID jti, Instant revokedAt, Instant expiresAt) {
}
