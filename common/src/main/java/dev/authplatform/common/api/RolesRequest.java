package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code PUT /admin/users/{id}/roles}: the complete new set of roles. */
@Serdeable
public record RolesRequest(@NotNull @Size(min = 1, max = 2) @Nullable List<@NotNull @Pattern(regexp = "user|admin", message = "must be one of: user, admin") String> roles) {
}
