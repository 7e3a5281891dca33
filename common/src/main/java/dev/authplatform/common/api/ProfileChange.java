package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PATCH /auth/me}: the caller's own profile. The name is trimmed before it is validated, as at registration. */
@Serdeable
public record ProfileChange(@NotBlank @Size(max = 100) @Nullable String name) {

    public ProfileChange {
        name = name == null ? null : name.strip();
    }
}
