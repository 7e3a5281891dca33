package dev.authplatform.auth.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.Map;

/**
 * Each console's sign-in endpoints: {@code callback} (the authorization code comes back), {@code renew} (a new access
 * token, or a new sign-in) and {@code signout} (a form with the console's CSRF token).
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleSignInController {

    private final ConsoleSignIn signIn;
    private final ConsolePages pages;

    ConsoleSignInController(ConsoleSignIn signIn, ConsolePages pages) {
        this.signIn = signIn;
        this.pages = pages;
    }

    @Get(value = "/console/callback", produces = MediaType.TEXT_HTML)
    HttpResponse<?> adminCallback(HttpRequest<?> http, @Nullable @QueryValue String code, @Nullable @QueryValue String state,
                                  @Nullable @QueryValue String error) {
        return signIn.callback(http, ConsoleArea.ADMIN, code, state, error);
    }

    @Get(value = "/account/callback", produces = MediaType.TEXT_HTML)
    HttpResponse<?> accountCallback(HttpRequest<?> http, @Nullable @QueryValue String code, @Nullable @QueryValue String state,
                                    @Nullable @QueryValue String error) {
        return signIn.callback(http, ConsoleArea.ACCOUNT, code, state, error);
    }

    @Get(value = "/console/renew", produces = MediaType.TEXT_HTML)
    HttpResponse<?> adminRenew(HttpRequest<?> http, @Nullable @QueryValue String next) {
        return signIn.renew(http, ConsoleArea.ADMIN, next);
    }

    @Get(value = "/account/renew", produces = MediaType.TEXT_HTML)
    HttpResponse<?> accountRenew(HttpRequest<?> http, @Nullable @QueryValue String next) {
        return signIn.renew(http, ConsoleArea.ACCOUNT, next);
    }

    @Post(value = "/console/signout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> adminSignOut(HttpRequest<?> http, @Nullable @Body Map<String, String> form, @Nullable Authentication who) {
        return pages.submit(http, ConsoleArea.ADMIN, form, who, () -> signIn.signOut(http, ConsoleArea.ADMIN, who));
    }

    @Post(value = "/account/signout", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> accountSignOut(HttpRequest<?> http, @Nullable @Body Map<String, String> form, @Nullable Authentication who) {
        return pages.submit(http, ConsoleArea.ACCOUNT, form, who, () -> signIn.signOut(http, ConsoleArea.ACCOUNT, who));
    }
}
