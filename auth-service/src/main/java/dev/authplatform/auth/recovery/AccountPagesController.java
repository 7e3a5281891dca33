package dev.authplatform.auth.recovery;

import dev.authplatform.auth.verification.EmailVerification;
import dev.authplatform.auth.web.HostedPages;
import dev.authplatform.common.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.HashMap;
import java.util.Map;

/**
 * The hosted account pages the emailed links open: confirm an address, ask for a reset link, choose a new password.
 * Opening a link changes nothing (mail scanners open links too); the button on the page does. The token in the
 * form is itself the secret, so a form posted from another site cannot use a token it does not have.
 */
@Controller("/account")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class AccountPagesController {

    private final EmailVerification verification;
    private final PasswordReset reset;
    private final HttpClientAddressResolver addresses;

    AccountPagesController(EmailVerification verification, PasswordReset reset, HttpClientAddressResolver addresses) {
        this.verification = verification;
        this.reset = reset;
        this.addresses = addresses;
    }

    @Get(value = "/verify-email", produces = MediaType.TEXT_HTML)
    HttpResponse<?> verifyEmailPage(@QueryValue @Nullable String token) {
        if (token == null || token.isBlank()) {
            return page(HttpStatus.BAD_REQUEST, "Invalid link", "This link is incomplete. Open the link from the email again.", null, null, null);
        }
        Map<String, Object> model = model("Confirm your email address", "Confirm that this address is yours.", null, "verify");
        model.put("token", token);
        return HostedPages.page(HttpStatus.OK, "account", model, null);
    }

    @Post(value = "/verify-email", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> verifyEmail(HttpRequest<?> http, @Body Map<String, String> form) {
        try {
            verification.verify(form.get("token"), addresses.resolve(http));
            return page(HttpStatus.OK, "Address confirmed", "Thank you: your email address is confirmed.", null, null, null);
        } catch (ProblemException refused) {
            return refusal(refused);
        }
    }

    @Get(value = "/forgot-password", produces = MediaType.TEXT_HTML)
    HttpResponse<?> forgotPasswordPage() {
        return page(HttpStatus.OK, "Forgot your password?", "Enter your email address and we will send you a link to choose a new password.",
                null, "forgot", null);
    }

    @Post(value = "/forgot-password", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> forgotPassword(HttpRequest<?> http, @Body Map<String, String> form) {
        String email = form.getOrDefault("email", "").strip();
        if (email.isEmpty() || email.length() > 254 || !email.contains("@") || email.chars().anyMatch(c -> c < 0x20)) {
            Map<String, Object> model = model("Forgot your password?", null, "Enter the email address of your account.", "forgot");
            model.put("email", email);
            return HostedPages.page(HttpStatus.BAD_REQUEST, "account", model, null);
        }
        try {
            reset.request(email, addresses.resolve(http));
        } catch (ProblemException refused) {
            return refusal(refused);
        }
        return page(HttpStatus.OK, "Check your inbox", "If an account has this address, we have sent it a link to choose a new password. "
                + "The link works once, for a short time.", null, null, null);
    }

    @Get(value = "/reset-password", produces = MediaType.TEXT_HTML)
    HttpResponse<?> resetPasswordPage(@QueryValue @Nullable String token) {
        if (token == null || token.isBlank()) {
            return page(HttpStatus.BAD_REQUEST, "Invalid link", "This link is incomplete. Open the link from the email again.", null, null, null);
        }
        return page(HttpStatus.OK, "Choose a new password", "At least 8 characters. Every device signed in to your account will be signed out.",
                null, "reset", token);
    }

    @Post(value = "/reset-password", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> resetPassword(HttpRequest<?> http, @Body Map<String, String> form) {
        String token = form.getOrDefault("token", "");
        String password = form.getOrDefault("password", "");
        if (password.length() < 8 || password.length() > 128) {
            return page(HttpStatus.BAD_REQUEST, "Choose a new password", null, "The password must be 8 to 128 characters long.", "reset", token);
        }
        if (!password.equals(form.get("confirm"))) {
            return page(HttpStatus.BAD_REQUEST, "Choose a new password", null, "The two passwords are not the same.", "reset", token);
        }
        try {
            reset.reset(token, password, addresses.resolve(http));
        } catch (ProblemException refused) {
            return refusal(refused);
        }
        return page(HttpStatus.OK, "Password changed", "Your new password is set, and every device was signed out. Sign in again with it.",
                null, null, null);
    }

    /** A refused link or a throttled request, on a page; a dependency that is down stays a 503 problem. */
    private static HttpResponse<?> refusal(ProblemException refused) {
        return switch (refused.status()) {
            case BAD_REQUEST -> page(HttpStatus.BAD_REQUEST, "Invalid or expired link", refused.detail(), null, null, null);
            case TOO_MANY_REQUESTS -> {
                MutableHttpResponse<?> page = page(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                        "Too many links were asked for. Wait a moment, then try again.", null, null, null);
                refused.headers().forEach(page::header);
                yield page;
            }
            default -> throw refused;
        };
    }

    private static MutableHttpResponse<?> page(HttpStatus status, String title, String text, String error, String form, String token) {
        Map<String, Object> model = model(title, text, error, form);
        model.put("token", token);
        return HostedPages.page(status, "account", model, null);
    }

    private static Map<String, Object> model(String title, String text, String error, String form) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("text", text);
        model.put("error", error);
        model.put("form", form);
        model.put("email", null);
        model.put("token", null);
        return model;
    }
}
