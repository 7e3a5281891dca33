package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to register, login and refresh: a new access/refresh pair. Lifetimes are in seconds. */
@Serdeable
public record TokenResponse(String tokenType,
                            String accessToken,
                            long expiresIn,
                            String refreshToken,
                            long refreshExpiresIn,
                            User user) {

    public static final String BEARER = "Bearer";
}
