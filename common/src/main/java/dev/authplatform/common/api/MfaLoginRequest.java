package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/login/mfa}: the second step, with a TOTP {@code code} or a {@code recoveryCode}. */
@Serdeable
public record MfaLoginRequest(@NotBlank @Size(max = 100) @Nullable String mfaToken,
                              @Size(max = 10) @Nullable String code,
                              @Size(max = 40) @Nullable String recoveryCode) {
}
