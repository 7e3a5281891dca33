package dev.authplatform.auth.mfa;

import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.session.SignedInUser;
import dev.authplatform.common.api.CodeRequest;
import dev.authplatform.common.api.MfaStatus;
import dev.authplatform.common.api.PasswordConfirmation;
import dev.authplatform.common.api.RecoveryCodes;
import dev.authplatform.common.api.TotpEnrolment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

/** The caller's second factor: {@code /auth/mfa}, enrolment of a TOTP app, recovery codes, turning it off. */
@Controller("/auth/mfa")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class MfaController {

    private final MultiFactor multiFactor;
    private final AccountService accounts;
    private final HttpClientAddressResolver addresses;

    MfaController(MultiFactor multiFactor, AccountService accounts, HttpClientAddressResolver addresses) {
        this.addresses = addresses;
        this.multiFactor = multiFactor;
        this.accounts = accounts;
    }

    @Get
    MfaStatus status(Authentication caller) {
        SignedInUser user = SignedInUser.of(caller);
        return new MfaStatus(multiFactor.enabled(user.userId()), multiFactor.recoveryCodesLeft(user.userId()));
    }

    /** A new TOTP secret for an app (as text, otpauth URI and QR code); not active until confirmed. */
    @Post("/totp")
    TotpEnrolment enrol(Authentication caller) {
        UserRow user = accounts.get(SignedInUser.of(caller).userId());
        MultiFactor.Enrolment enrolment = multiFactor.startEnrolment(user);
        return new TotpEnrolment(enrolment.secret(), enrolment.otpauthUri(), enrolment.qrCode());
    }

    /** A code from the app turns the factor on; the ten recovery codes are in the answer, and only there. */
    @Post("/totp/confirm")
    RecoveryCodes confirm(@Body @Valid CodeRequest request, Authentication caller) {
        UserRow user = accounts.get(SignedInUser.of(caller).userId());
        return new RecoveryCodes(multiFactor.confirmEnrolment(user, request.code()));
    }

    /** New recovery codes (the password again); the old ones stop working. */
    @Post("/recovery-codes")
    RecoveryCodes regenerate(@Body @Valid PasswordConfirmation request, Authentication caller, HttpRequest<?> http) {
        UserRow user = accounts.confirmPassword(SignedInUser.of(caller).userId(), request.password(), addresses.resolve(http));
        return new RecoveryCodes(multiFactor.regenerateRecoveryCodes(user.id()));
    }

    /** Turns the second factor off (the password again). */
    @Post("/disable")
    HttpResponse<Void> disable(@Body @Valid PasswordConfirmation request, Authentication caller, HttpRequest<?> http) {
        UserRow user = accounts.confirmPassword(SignedInUser.of(caller).userId(), request.password(), addresses.resolve(http));
        multiFactor.remove(user.id(), user.id().toString());
        return HttpResponse.noContent();
    }
}
