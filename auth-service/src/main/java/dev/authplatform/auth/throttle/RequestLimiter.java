package dev.authplatform.auth.throttle;

import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RevocationSettings;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/**
 * At most {@code limit} requests of one kind per key (an address, a client address, an account) within a window,
 * counted in Redis so every instance shares the count; past it, 429 with Retry-After until the window ends. For
 * requests that send email: counted whether or not the account exists, so the answer tells nothing about it.
 */
@Singleton
public class RequestLimiter {

    private final RedisLink redis;
    private final String prefix;

    RequestLimiter(RedisLink redis, RevocationSettings namespace) {
        this.redis = redis;
        this.prefix = namespace.namespace() + ":limit:";
    }

    /**
     * A request that sends email to an address: counted per client address and per email address; 429 when either
     * is past its limit.
     */
    public void acquireForEmail(String kind, String clientAddress, int perClient, String normalizedEmail, int perAddress, Duration window) {
        acquire(kind + "-client", clientAddress, perClient, window);
        acquire(kind + "-address", normalizedEmail, perAddress, window);
    }

    /** Counts one request; throws 429 when it is past the limit. */
    public void acquire(String kind, String key, int limit, Duration window) {
        String counter = prefix + kind + ":" + key;
        long count = redis.await(commands -> commands.incr(counter));
        if (count == 1) {
            redis.await(commands -> commands.pexpire(counter, window.toMillis()));
        }
        if (count > limit) {
            long millis = redis.await(commands -> commands.pttl(counter));
            if (millis < 0) { // the expiry was lost (a crash between the two commands): set it again
                redis.await(commands -> commands.pexpire(counter, window.toMillis()));
                millis = window.toMillis();
            }
            long seconds = Math.max(1, (millis + 999) / 1000);
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS, "Too Many Requests",
                    "Too many requests of this kind; retry in " + seconds + " s.", Map.of("Retry-After", Long.toString(seconds)));
        }
    }
}
