package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/login}. A password longer than any we accept cannot match, so it is refused as 400 before hashing. */
@Serdeable
public record LoginRequest(@NotBlank @Size(max = 254) @Nullable String email,
                           @NotNull @Size(max = 128) @Nullable String password) {

    public LoginRequest {
        email = email == null ? null : email.strip();
    }
}
