package dev.authplatform.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * One of auth-service's keys, as {@code GET /admin/keys} lists it.
 *
 * @param use       {@code access} (signs access, ID and logout tokens; published in the JWKS) or {@code refresh} (signs
 *                  refresh tokens; never leaves auth-service)
 * @param state     {@code current} (signs new tokens), {@code retired} (verifies what it signed until that expires)
 *                  or {@code revoked} (everything it signed is refused)
 * @param retiredAt when it stopped signing, for a retired or revoked key
 * @param revokedAt when it was revoked
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyStatus(String kid, String use, String alg, String state, Instant createdAt,
                        @Nullable Instant retiredAt, @Nullable Instant revokedAt) {

    public static final String USE_ACCESS = "access";
    public static final String USE_REFRESH = "refresh";
    public static final String CURRENT = "current";
    public static final String RETIRED = "retired";
    public static final String REVOKED = "revoked";
}
