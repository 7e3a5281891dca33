package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The public description of a signing key, as {@code POST /admin/keys/rotate} returns it. */
@Serdeable
public record SigningKeyInfo(String kid, String alg, Instant createdAt) {
}
