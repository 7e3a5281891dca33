package dev.authplatform.auth.oauth.authorize;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code authorization_codes}: one code, by its hash, and everything it is bound to. */
@MappedEntity("authorization_codes")
public record AuthorizationCodeRow(@Id String codeHash,
                                   String clientId,
                                   String redirectUri,
                                   String codeChallenge,
                                   UUID userId,
                                   String scope,
                                   @Nullable String nonce,
                                   Instant authTime,
                                   @Nullable String signinSession,
                                   Instant expiresAt,
                                   @Nullable Instant usedAt,
                                   @Nullable UUID sessionId,
                                   boolean replayed,
                                   String amr,
                                   @Nullable String clientAddress,
                                   @Nullable String userAgent) {
}
