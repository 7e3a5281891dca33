package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A platform account as every client sees it. It never carries password material.
 *
 * @param emailVerified whether the user has followed the link emailed to the address
 */
@Serdeable
public record User(UUID id, String email, String name, List<String> roles, boolean enabled, Instant createdAt,
                   boolean emailVerified) {
}
