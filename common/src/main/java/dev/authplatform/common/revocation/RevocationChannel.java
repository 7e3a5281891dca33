package dev.authplatform.common.revocation;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * The two writes on the revocation channel, each one Redis script so that Redis runs it as one step.
 *
 * <p>{@link #announce}: store the entry, take the next sequence number, publish the event with that number. Because
 * nothing runs between the three, the order of publication is the order of the numbers, and an announcement with
 * number {@code n} is in the store before any later reader can see a sequence of {@code n} or more.
 *
 * <p>{@link #probe}: publish a probe carrying the sequence number current at that moment. A subscriber that hears
 * it has, on an unbroken subscription, heard every announcement numbered up to it before it (a connection delivers
 * in order). If it has not, announcements were lost to it, however the gap came about, and it must reload.
 */
public final class RevocationChannel {

    private static final String ANNOUNCE = """
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
            local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
            redis.call('PUBLISH', ARGV[3], ARGV[4] .. ' ' .. seq)
            return seq
            """;

    private static final String PROBE = """
            local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
            redis.call('PUBLISH', ARGV[1], ARGV[2] .. ' ' .. seq)
            return seq
            """;

    private final RevocationKeys keys;

    public RevocationChannel(RevocationKeys keys) {
        this.keys = keys;
    }

    /**
     * Stores {@code key = value} for {@code ttlSeconds} and publishes {@code event} (see {@link RevocationKeys}) with
     * the next sequence number appended; answers that number. Send it with {@link RedisLink#await}.
     */
    public RedisFuture<Long> announce(RedisClusterAsyncCommands<String, String> commands, String key, String value,
                                      long ttlSeconds, String event) {
        return commands.eval(ANNOUNCE, ScriptOutputType.INTEGER, new String[]{key, keys.state()},
                value, Long.toString(ttlSeconds), keys.channel(), event);
    }

    /** Publishes {@code P <node> <probe> <seq>}; answers the sequence number it carried. */
    public RedisFuture<Long> probe(RedisClusterAsyncCommands<String, String> commands, String node, long probe) {
        return commands.eval(PROBE, ScriptOutputType.INTEGER, new String[]{keys.state()},
                keys.channel(), "P " + node + " " + probe);
    }
}
