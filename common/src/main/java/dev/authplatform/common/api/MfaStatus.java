package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /auth/mfa}: whether the caller's second factor is on, and how many recovery codes are left. */
@Serdeable
public record MfaStatus(boolean totpEnabled, long recoveryCodesLeft) {
}
