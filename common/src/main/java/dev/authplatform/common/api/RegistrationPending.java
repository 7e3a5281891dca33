package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /auth/register} when the address must be verified before any sign-in
 * ({@code auth.email-verification.required-for-sign-in}): 202, the new account, and no tokens.
 */
@Serdeable
public record RegistrationPending(User user, boolean emailVerificationRequired) {
}
