package dev.authplatform.auth.throttle;

import dev.authplatform.common.revocation.RevocationSettings;
import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.web.ProblemException;
import dev.authplatform.common.web.ProblemTypes;
import io.lettuce.core.ScriptOutputType;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Slows password guessing with Redis counters, per account and per client address (OWASP Authentication
 * Cheat Sheet, "Login Throttling"). Failures are counted over a window; past the limit each further failure
 * doubles the wait, capped at {@code maxWait}, so an attacker can delay a real user but never lock them out for
 * long. A successful login clears the account's count (not the address's: one success must not reset a botnet).
 */
@Singleton
public class LoginThrottle {

    /** Both waits in milliseconds (PTTL), and with ARGV[1] = 1 and no wait, the account's failures cleared. */
    private static final String WAIT_THEN_SETTLE = """
            local wait = math.max(redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]))
            if wait > 0 then return wait end
            if ARGV[1] == '1' then redis.call('DEL', KEYS[3], KEYS[1]) end
            return 0""";

    private final RedisLink redis;
    private final ThrottleSettings settings;
    private final String prefix;

    LoginThrottle(RedisLink redis, ThrottleSettings settings, RevocationSettings namespace) {
        this.redis = redis;
        this.settings = settings;
        this.prefix = namespace.namespace() + ":throttle:";
    }

    /** Refuses with 429 and Retry-After while the account or the address is waiting. */
    public void checkAllowed(String account, String address) {
        long seconds = secondsToWait(account, address);
        if (seconds > 0) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS, "Too Many Requests",
                    "Too many failed logins; retry in " + seconds + " s.", Map.of("Retry-After", Long.toString(seconds)));
        }
    }

    /** How long the account or the address must still wait, in whole seconds; 0 when neither waits. */
    public long secondsToWait(String account, String address) {
        return secondsToWaitThenSettle(account, address, false);
    }

    /**
     * How long the account or the address must still wait and, when neither waits and the credential was
     * {@code proven}, its failures cleared as {@link #recordSuccess} does: one round trip to Redis. For a credential
     * cheap enough to check before asking (a client secret); a proven one does not clear a wait it arrived during.
     * The keys share the namespace's hash slot, so this runs on a Redis Cluster too.
     */
    public long secondsToWaitThenSettle(String account, String address, boolean proven) {
        Long wait = redis.await(commands -> commands.<Long>eval(WAIT_THEN_SETTLE, ScriptOutputType.INTEGER,
                new String[]{lockKey("a", account), lockKey("ip", address), countKey("a", account)}, proven ? "1" : "0"));
        return wait != null && wait > 0 ? Math.max(1, (wait + 999) / 1000) : 0;
    }

    public void recordFailure(String account, String address) {
        count("a", account, settings.accountLimit());
        count("ip", address, settings.addressLimit());
    }

    public void recordSuccess(String account) {
        redis.await(commands -> commands.del(countKey("a", account), lockKey("a", account)));
    }

    private void count(String kind, String who, int limit) {
        String key = countKey(kind, who);
        long failures = redis.await(commands -> commands.incr(key));
        if (failures == 1) {
            redis.await(commands -> commands.pexpire(key, settings.window().toMillis()));
        }
        if (failures >= limit) {
            long excess = Math.min(failures - limit, 20);
            long waitMillis = Math.min(settings.initialWait().toMillis() << excess, settings.maxWait().toMillis());
            redis.await(commands -> commands.psetex(lockKey(kind, who), waitMillis, "1"));
        }
    }

    private String countKey(String kind, String who) {
        return prefix + kind + ":" + who;
    }

    private String lockKey(String kind, String who) {
        return prefix + kind + ":" + who + ":wait";
    }
}
