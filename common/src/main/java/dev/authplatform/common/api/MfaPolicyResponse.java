package dev.authplatform.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /admin/mfa-policy}: every role that needs a second factor now, and those of them the configuration
 * requires ({@code auth.mfa.required-for-roles}), which the API cannot lift.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MfaPolicyResponse(List<String> requiredForRoles, List<String> fromConfiguration) {
}
