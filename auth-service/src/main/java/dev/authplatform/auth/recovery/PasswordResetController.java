package dev.authplatform.auth.recovery;

import dev.authplatform.common.api.EmailRequest;
import dev.authplatform.common.api.ResetPasswordRequest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** The JSON side of password reset: {@code /auth/password/forgot} and {@code /auth/password/reset}. */
@Controller("/auth/password")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class PasswordResetController {

    private final PasswordReset reset;
    private final HttpClientAddressResolver addresses;

    PasswordResetController(PasswordReset reset, HttpClientAddressResolver addresses) {
        this.reset = reset;
        this.addresses = addresses;
    }

    /** 202 whether or not an account has the address: the link goes only to an account's own inbox. */
    @Post("/forgot")
    HttpResponse<Void> forgot(@Body @Valid EmailRequest request, HttpRequest<?> http) {
        reset.request(request.email(), addresses.resolve(http));
        return HttpResponse.accepted();
    }

    /** The token from the emailed link and the new password; every session of the account ends. */
    @Post("/reset")
    HttpResponse<Void> reset(@Body @Valid ResetPasswordRequest request, HttpRequest<?> http) {
        reset.reset(request.token(), request.newPassword(), addresses.resolve(http));
        return HttpResponse.noContent();
    }
}
