package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code PUT /admin/mfa-policy}: the roles that need a second factor (an empty list: none beyond the configuration). */
@Serdeable
public record MfaPolicyRequest(@NotNull @Size(max = 2) @Nullable List<@NotNull @Pattern(regexp = "user|admin",
        message = "must be one of: user, admin") String> requiredForRoles) {
}
