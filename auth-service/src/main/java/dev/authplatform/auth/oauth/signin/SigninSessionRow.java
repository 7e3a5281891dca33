package dev.authplatform.auth.oauth.signin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code signin_sessions}: a browser that signed in, known by the hash of its cookie. */
@MappedEntity("signin_sessions")
public record SigninSessionRow(@Id String idHash, UUID userId, Instant authTime, Instant expiresAt, @Nullable Instant revokedAt,
                               String amr) {
}
