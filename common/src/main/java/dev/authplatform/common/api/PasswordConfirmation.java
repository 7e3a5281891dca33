package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The caller's password again, for a change that needs it (turning the second factor off, new recovery codes). */
@Serdeable
public record PasswordConfirmation(@NotNull @Size(max = 128) @Nullable String password) {
}
