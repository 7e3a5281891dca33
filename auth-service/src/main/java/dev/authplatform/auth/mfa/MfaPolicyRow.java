package dev.authplatform.auth.mfa;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of {@code mfa_policy}: a role that requires a second factor, and who required it when. */
@MappedEntity("mfa_policy")
public record MfaPolicyRow(@Id String role, String changedBy, Instant changedAt) {
}
