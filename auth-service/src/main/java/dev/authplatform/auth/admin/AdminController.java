package dev.authplatform.auth.admin;

import dev.authplatform.auth.account.AccountService;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.key.KeyRevocation;
import dev.authplatform.auth.mfa.MfaPolicy;
import dev.authplatform.auth.session.SignedInUser;
import dev.authplatform.common.api.KeyList;
import dev.authplatform.common.api.KeyStatus;
import dev.authplatform.common.api.MfaPolicyRequest;
import dev.authplatform.common.api.MfaPolicyResponse;
import dev.authplatform.common.api.RolesRequest;
import dev.authplatform.common.api.SigningKeyInfo;
import dev.authplatform.common.api.User;
import dev.authplatform.common.api.UserPage;
import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.micronaut.security.authentication.Authentication;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** The admin API: users, their roles and sessions, and keys (rotation, emergency revocation). Admins only (403 otherwise). */
@Controller("/admin")
@Secured(PlatformClaims.ROLE_ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class AdminController {

    private final UserRepository users;
    private final AccountService accounts;
    private final UserAdministration administration;
    private final MfaPolicy mfaPolicy;
    private final KeyRevocation keyRevocation;

    AdminController(UserRepository users, AccountService accounts, UserAdministration administration, MfaPolicy mfaPolicy,
                    KeyRevocation keyRevocation) {
        this.users = users;
        this.accounts = accounts;
        this.administration = administration;
        this.mfaPolicy = mfaPolicy;
        this.keyRevocation = keyRevocation;
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
    User roles(@PathVariable UUID id, @Body @Valid RolesRequest request, Authentication admin) {
        return administration.setRoles(id, request.roles(), admin.getName()).toUser();
    }

    /** Disables the account: login is refused and every session ends at once. */
    @Post("/users/{id}/disable")
    User disable(@PathVariable UUID id, Authentication admin) {
        return administration.disable(id, admin.getName()).toUser();
    }

    @Post("/users/{id}/enable")
    User enable(@PathVariable UUID id, Authentication admin) {
        return administration.enable(id, admin.getName()).toUser();
    }

    @Post("/users/{id}/revoke-sessions")
    HttpResponse<Void> revokeSessions(@PathVariable UUID id, Authentication admin) {
        administration.endAllSessions(id, admin.getName());
        return HttpResponse.noContent();
    }

    /** Removes the user's second factor and recovery codes (see {@link UserAdministration#resetSecondFactor}). */
    @Post("/users/{id}/mfa/reset")
    HttpResponse<Void> resetMfa(@PathVariable UUID id, Authentication admin) {
        administration.resetSecondFactor(id, admin.getName());
        return HttpResponse.noContent();
    }

    /** The roles that need a second factor: those required here, and those the configuration requires. */
    @Get("/mfa-policy")
    MfaPolicyResponse mfaPolicy() {
        return new MfaPolicyResponse(List.copyOf(mfaPolicy.requiredRoles()), List.copyOf(mfaPolicy.configuredRoles()));
    }

    /**
     * Requires a second factor for these roles: tokens of sessions that signed in without one no longer carry them.
     * An admin who would lose the admin role by it (signed in without a second factor) is refused: no lock-out.
     */
    @Put("/mfa-policy")
    MfaPolicyResponse requireMfa(@Body @Valid MfaPolicyRequest request, Authentication admin) {
        administration.requireSecondFactor(request.requiredForRoles(), SignedInUser.of(admin), admin.getName());
        return mfaPolicy();
    }

    @Get("/keys")
    KeyList keys() {
        return new KeyList(keyRevocation.keys());
    }

    /**
     * Emergency revocation of a leaked key (an access-token signing key or a refresh-token key): see
     * {@link KeyRevocation}. The runbook is in docs/operations.md.
     */
    @Post("/keys/{kid}/revoke")
    KeyStatus revokeKey(@PathVariable @Size(max = 100) String kid, Authentication admin) {
        return keyRevocation.revoke(kid, admin.getName()).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND,
                ProblemTypes.NOT_FOUND, "No such key", "auth-service holds no key with that kid: GET /admin/keys lists them."));
    }

    @Post("/keys/rotate")
    SigningKeyInfo rotate(Authentication admin) {
        return administration.rotateSigningKey(admin.getName());
    }
}
