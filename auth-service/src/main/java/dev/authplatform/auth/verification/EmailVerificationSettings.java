package dev.authplatform.auth.verification;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Proving an email address ({@code auth.email-verification.*}).
 *
 * @param requiredForSignIn whether an account must have verified its address before it may sign in; registration
 *                          then answers 202 without tokens
 * @param validFor          how long an emailed link works
 * @param perAddress        links that may be asked for one address within {@code window}
 * @param perClient         links that may be asked for from one client address within {@code window}
 * @param window            the counting window of both limits
 */
@ConfigurationProperties("auth.email-verification")
public record EmailVerificationSettings(@Bindable(defaultValue = "false") boolean requiredForSignIn,
                                        @Bindable(defaultValue = "24h") Duration validFor,
                                        @Bindable(defaultValue = "3") int perAddress,
                                        @Bindable(defaultValue = "20") int perClient,
                                        @Bindable(defaultValue = "1h") Duration window) {
}
