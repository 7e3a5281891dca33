package dev.authplatform.common.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/password/forgot} and {@code POST /auth/email/verification}: an address to send a link to. */
@Serdeable
public record EmailRequest(@NotBlank @Email @Size(max = 254) @Nullable String email) {

    public EmailRequest {
        email = email == null ? null : email.strip();
    }
}
