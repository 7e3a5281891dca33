package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/email/verify}: the token from an emailed link. */
@Serdeable
public record TokenRequest(@NotBlank @Size(max = 100) @Nullable String token) {
}
