package dev.authplatform.auth.oauth.userinfo;

import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.session.SignedInUser;
import dev.authplatform.common.verify.RequiredScopes;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET} and {@code POST /oauth2/userinfo} (OIDC Core section 5.3): the signed-in user's claims for an access
 * token granted {@code openid}. The token is checked like any access token (revocation included); without the scope
 * the answer is 403 {@code insufficient_scope}, for a service's own token (no user) 403 too.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class UserInfoEndpoint {

    private final AccountService accounts;

    UserInfoEndpoint(AccountService accounts) {
        this.accounts = accounts;
    }

    @Get("/userinfo")
    @RequiredScopes("openid")
    Map<String, Object> get(Authentication caller) {
        UserRow user = accounts.get(SignedInUser.of(caller).userId());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id().toString());
        claims.put("email", user.email());
        claims.put("email_verified", user.emailVerified());
        claims.put("name", user.name());
        return claims;
    }

    @Post(value = "/userinfo", consumes = MediaType.ALL)
    @RequiredScopes("openid")
    Map<String, Object> post(Authentication caller) {
        return get(caller);
    }
}
