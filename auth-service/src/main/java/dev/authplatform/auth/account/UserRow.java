package dev.authplatform.auth.account;

import dev.authplatform.common.api.User;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A row of {@code users}. Roles are stored as a comma-separated list ("user,admin"). */
@MappedEntity("users")
public record UserRow(@Id UUID id,
                      String email,
                      String emailNormalized,
                      String name,
                      String passwordHash,
                      String roles,
                      boolean enabled,
                      Instant createdAt,
                      @Nullable Instant tokensNotBefore,
                      boolean emailVerified) {

    public List<String> roleList() {
        return Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).toList();
    }

    public User toUser() {
        return new User(id, email, name, roleList(), enabled, createdAt, emailVerified);
    }

    /** Email addresses are compared without regard to case (API.md): this is the form the unique index holds. */
    public static String normalize(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
