package dev.authplatform.auth.admin;

import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.key.KeyStore;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.common.api.RolesRequest;
import dev.authplatform.common.api.SigningKeyInfo;
import dev.authplatform.common.api.User;
import dev.authplatform.common.api.UserPage;
import dev.authplatform.common.claims.PlatformClaims;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** The admin API: users, their roles and sessions, and key rotation. Admins only (403 otherwise). */
@Controller("/admin")
@Secured(PlatformClaims.ROLE_ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController {

    private final UserRepository users;
    private final AccountService accounts;
    private final SessionService sessions;
    private final KeyStore keys;

    AdminController(UserRepository users, AccountService accounts, SessionService sessions, KeyStore keys) {
        this.users = users;
        this.accounts = accounts;
        this.sessions = sessions;
        this.keys = keys;
    }

    /** Oldest account first ({@code createdAt}, then {@code id}), so pages are stable while accounts are added. */
    @Get("/users")
    UserPage list(@QueryValue(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                  @QueryValue(defaultValue = "20") @Min(1) @Max(100) int size) {
        List<User> content = users.findPage(size, (long) page * size).stream().map(UserRow::toUser).toList();
        return new UserPage(content, page, size, users.countAll());
    }

    @Get("/users/{id}")
    User get(@PathVariable UUID id) {
        return accounts.get(id).toUser();
    }

    /**
     * Replaces the user's roles. Tokens already issued keep their roles until they expire (15 minutes by
     * default); end the user's sessions as well to make a removal take effect at once.
     */
    @Put("/users/{id}/roles")
    User roles(@PathVariable UUID id, @Body @Valid RolesRequest request) {
        accounts.get(id);
        users.updateRoles(id, String.join(",", new LinkedHashSet<>(request.roles())));
        return accounts.get(id).toUser();
    }

    /** Disables the account: login is refused and every session ends at once. */
    @Post("/users/{id}/disable")
    User disable(@PathVariable UUID id) {
        accounts.get(id);
        users.updateEnabled(id, false);
        sessions.revokeAllOf(id, null);
        return accounts.get(id).toUser();
    }

    @Post("/users/{id}/enable")
    User enable(@PathVariable UUID id) {
        accounts.get(id);
        users.updateEnabled(id, true);
        return accounts.get(id).toUser();
    }

    @Post("/users/{id}/revoke-sessions")
    HttpResponse<Void> revokeSessions(@PathVariable UUID id) {
        accounts.get(id);
        sessions.revokeAllOf(id, null);
        return HttpResponse.noContent();
    }

    @Post("/keys/rotate")
    SigningKeyInfo rotate() {
        SigningKeyInfo rotated = keys.rotate();
        keys.refreshNow();
        return rotated;
    }
}
