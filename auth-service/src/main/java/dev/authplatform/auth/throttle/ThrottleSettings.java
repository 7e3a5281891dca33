package dev.authplatform.auth.throttle;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Login throttling ({@code auth.throttle.*}).
 *
 * @param accountLimit failed logins for one account within the window before 429
 * @param addressLimit failed logins from one client address within the window before 429
 * @param window       how long failures are counted
 * @param initialWait  the wait after the failure that reaches a limit
 * @param maxWait      the longest wait: it doubles with each failure past the limit, and stops here (no permanent lock)
 */
@ConfigurationProperties("auth.throttle")
public record ThrottleSettings(@Bindable(defaultValue = "10") int accountLimit,
                               @Bindable(defaultValue = "100") int addressLimit,
                               @Bindable(defaultValue = "15m") Duration window,
                               @Bindable(defaultValue = "5s") Duration initialWait,
                               @Bindable(defaultValue = "15m") Duration maxWait) {
}
