package dev.authplatform.auth.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The first admin ({@code auth.bootstrap-admin.*}): created at start if both are set and the address is not
 * registered yet; never overwritten.
 */
@ConfigurationProperties("auth.bootstrap-admin")
public record BootstrapAdminSettings(@Nullable String email, @Nullable String password) {

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }
}
