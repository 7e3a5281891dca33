package dev.authplatform.common.revocation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the revocation channel ({@code auth.revocation.*}).
 *
 * @param namespace      prefix of every Redis key and channel, so that several platforms (or test runs) share one Redis
 * @param stalenessBound how long a verifier may go without hearing its own probe before it refuses protected requests
 * @param probeInterval  how often a verifier publishes a probe on the channel and checks the generation marker
 */
@ConfigurationProperties("auth.revocation")
public record RevocationSettings(@Bindable(defaultValue = "authplatform") String namespace,
                                 @Bindable(defaultValue = "2s") Duration stalenessBound,
                                 @Bindable(defaultValue = "500ms") Duration probeInterval) {
}
