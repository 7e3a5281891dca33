package dev.authplatform.auth.account;

import dev.authplatform.common.api.ChangePasswordRequest;
import dev.authplatform.common.api.LoginRequest;
import dev.authplatform.common.api.MfaLoginRequest;
import dev.authplatform.common.api.MfaRequired;
import dev.authplatform.common.api.RegisterRequest;
import dev.authplatform.common.api.Problem;
import dev.authplatform.common.api.ProfileChange;
import dev.authplatform.common.api.RegistrationPending;
import dev.authplatform.common.api.TokenResponse;
import dev.authplatform.common.api.User;
import dev.authplatform.auth.session.SessionOrigin;
import dev.authplatform.auth.session.SignedInUser;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.validation.Valid;

import java.util.UUID;

/** {@code /auth/register}, {@code /auth/login}, {@code /auth/me} (read, and the name changed), {@code /auth/me/password}. JDBC and hashing: off the event loop. */
@Controller("/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountController {

    private final AccountService accounts;

    /** The client's address, through trusted proxies (auth.proxies.trusted): for the throttle and the audit trail. */
    private final HttpClientAddressResolver addresses;

    AccountController(AccountService accounts, HttpClientAddressResolver addresses) {
        this.addresses = addresses;
        this.accounts = accounts;
    }

    @Post("/register")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> register(@Body @Valid RegisterRequest request, HttpRequest<?> http) {
        AccountService.Registration registered = accounts.register(request.email(), request.password(), request.name(),
                SessionOrigin.of(http, addresses));
        return registered.tokens().<HttpResponse<?>>map(HttpResponse::created)
                // the address must be proved before any sign-in: no tokens yet, the account and what to do next
                .orElseGet(() -> HttpResponse.accepted().body(new RegistrationPending(registered.user().toUser(), true)));
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> login(@Body @Valid LoginRequest request, HttpRequest<?> http) {
        return switch (accounts.login(request.email(), request.password(), SessionOrigin.of(http, addresses))) {
            case AccountService.LoginOutcome.SignedIn signedIn -> HttpResponse.ok(signedIn.tokens());
            case AccountService.LoginOutcome.SecondStepRequired second -> HttpResponse.unauthorized()
                    .contentType(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                    .body(MfaRequired.of(second.mfaToken(), second.expiresInSeconds()));
        };
    }

    /** The second step of a login with a second factor: the {@code mfaToken} and a code or a recovery code. */
    @Post("/login/mfa")
    @Secured(SecurityRule.IS_ANONYMOUS)
    TokenResponse loginSecondStep(@Body @Valid MfaLoginRequest request, HttpRequest<?> http) {
        return accounts.completeLogin(request.mfaToken(), request.code(), request.recoveryCode(), SessionOrigin.of(http, addresses));
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    User me(Authentication caller) {
        return accounts.get(SignedInUser.of(caller).userId()).toUser();
    }

    /** The caller's own name (the account console's profile page does the same). */
    @Patch("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    User changeProfile(@Body @Valid ProfileChange request, Authentication caller) {
        return accounts.rename(SignedInUser.of(caller).userId(), request.name()).toUser();
    }

    @Put("/me/password")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<Void> changePassword(@Body @Valid ChangePasswordRequest request, Authentication caller, HttpRequest<?> http) {
        SignedInUser user = SignedInUser.of(caller);
        accounts.changePassword(user.userId(), user.sessionId(), request.currentPassword(), request.newPassword(), addresses.resolve(http));
        return HttpResponse.noContent();
    }
}
