package dev.authplatform.auth.verification;

import dev.authplatform.common.api.EmailRequest;
import dev.authplatform.common.api.TokenRequest;
import dev.authplatform.common.api.User;
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

/** The JSON side of address verification: {@code /auth/email/verify} and {@code /auth/email/verification}. */
@Controller("/auth/email")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class EmailVerificationController {

    private final EmailVerification verification;
    private final HttpClientAddressResolver addresses;

    EmailVerificationController(EmailVerification verification, HttpClientAddressResolver addresses) {
        this.verification = verification;
        this.addresses = addresses;
    }

    /** The token from the emailed link: the account, now with {@code emailVerified: true}. */
    @Post("/verify")
    User verify(@Body @Valid TokenRequest request, HttpRequest<?> http) {
        return verification.verify(request.token(), addresses.resolve(http)).toUser();
    }

    /** Sends a new link to the address if an unverified account has it; 202 either way. */
    @Post("/verification")
    HttpResponse<Void> resend(@Body @Valid EmailRequest request, HttpRequest<?> http) {
        verification.resend(request.email(), addresses.resolve(http));
        return HttpResponse.accepted();
    }
}
