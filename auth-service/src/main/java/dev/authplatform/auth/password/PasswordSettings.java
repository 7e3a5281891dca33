package dev.authplatform.auth.password;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Argon2id parameters and the hashing pool ({@code auth.password.*}).
 *
 * @param memoryKib   memory per hash in KiB (OWASP minimum 19456 = 19 MiB)
 * @param iterations  passes over memory (OWASP minimum 2 at 19 MiB)
 * @param parallelism lanes (OWASP: 1)
 * @param threads     hashing threads; 0 means half the cores, at least one
 * @param queue       hashes that may wait for a thread before new ones are refused with 503
 * @param nice        the hashing threads' Linux nice value, 0 to 19 (0: the normal priority; 19 also SCHED_IDLE); see
 *                    HashingThreadPriority
 */
@ConfigurationProperties("auth.password")
public record PasswordSettings(@Bindable(defaultValue = "19456") int memoryKib,
                               @Bindable(defaultValue = "2") int iterations,
                               @Bindable(defaultValue = "1") int parallelism,
                               @Bindable(defaultValue = "0") int threads,
                               @Bindable(defaultValue = "64") int queue,
                               @Bindable(defaultValue = "19") int nice) {

    public PasswordSettings {
        if (nice < 0 || nice > 19) {
            throw new IllegalArgumentException("auth.password.nice must be 0 to 19, not " + nice);
        }
    }
}
