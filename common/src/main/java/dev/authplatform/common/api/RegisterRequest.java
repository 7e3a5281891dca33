package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/register}. Email and name are trimmed before they are validated. */
@Serdeable
public record RegisterRequest(@NotBlank @Email @Size(max = 254) @Nullable String email,
                              @NotNull @Size(min = 8, max = 128) @Nullable String password,
                              @NotBlank @Size(max = 100) @Nullable String name) {

    public RegisterRequest {
        email = email == null ? null : email.strip();
        name = name == null ? null : name.strip();
    }
}
