package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/password/reset}: the token from the emailed link and the new password. */
@Serdeable
public record ResetPasswordRequest(@NotBlank @Size(max = 100) @Nullable String token,
                                   @NotNull @Size(min = 8, max = 128) @Nullable String newPassword) {
}
