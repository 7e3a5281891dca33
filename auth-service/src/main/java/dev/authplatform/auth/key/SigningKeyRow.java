package dev.authplatform.auth.key;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code signing_keys}. The private JWK never leaves auth-service. */
@MappedEntity("signing_keys")
public record SigningKeyRow(@Id String kid,
                            String algorithm,
                            String publicJwk,
                            String privateJwk,
                            Instant createdAt,
                            @Nullable Instant retiredAt,
                            @Nullable Instant publishUntil,
                            @Nullable Instant revokedAt) {
}
