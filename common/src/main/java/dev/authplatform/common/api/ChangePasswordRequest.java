package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /auth/me/password}. */
@Serdeable
public record ChangePasswordRequest(@NotNull @Size(max = 128) @Nullable String currentPassword,
                                    @NotNull @Size(min = 8, max = 128) @Nullable String newPassword) {
}
