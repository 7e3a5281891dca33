package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/refresh}. */
@Serdeable
public record RefreshRequest(@NotBlank @Size(max = 8192) @Nullable String refreshToken) {
}
