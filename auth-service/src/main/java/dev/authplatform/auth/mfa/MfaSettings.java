package dev.authplatform.auth.mfa;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * Multi-factor sign-in ({@code auth.mfa.*}).
 *
 * @param issuerName       the name authenticator apps show for the account ({@code otpauth://totp/<issuer>:<email>})
 * @param challengeTtl     how long the second step may wait after a correct password
 * @param challengeTries   wrong codes one challenge takes before it is void (the account's failed-login count grows too)
 * @param requiredForRoles roles granted in a token only when its session signed in with a second factor (for
 *                         example {@code [admin]}): without one, the token simply does not carry them
 */
@ConfigurationProperties("auth.mfa")
public record MfaSettings(@Bindable(defaultValue = "Auth Platform") String issuerName,
                          @Bindable(defaultValue = "5m") Duration challengeTtl,
                          @Bindable(defaultValue = "5") int challengeTries,
                          @Bindable(defaultValue = "") List<String> requiredForRoles) {

    public MfaSettings {
        // an empty setting binds as one empty string; a role list of "admin, user" may carry spaces
        requiredForRoles = requiredForRoles == null ? List.of()
                : requiredForRoles.stream().map(String::strip).filter(role -> !role.isEmpty()).toList();
    }
}
