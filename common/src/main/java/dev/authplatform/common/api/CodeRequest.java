package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/mfa/totp/confirm}: a code from the authenticator app. */
@Serdeable
public record CodeRequest(@NotBlank @Size(max = 10) @Nullable String code) {
}
