package dev.authplatform.auth.recovery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Resetting a forgotten password by email ({@code auth.password-reset.*}).
 *
 * @param validFor   how long an emailed reset link works
 * @param perAddress reset emails that may be asked for one address within {@code window}
 * @param perClient  reset emails that may be asked for from one client address within {@code window}
 * @param window     the counting window of both limits
 */
@ConfigurationProperties("auth.password-reset")
public record PasswordResetSettings(@Bindable(defaultValue = "15m") Duration validFor,
                                    @Bindable(defaultValue = "3") int perAddress,
                                    @Bindable(defaultValue = "20") int perClient,
                                    @Bindable(defaultValue = "15m") Duration window) {
}
