package dev.authplatform.common.revocation;

import dev.authplatform.revocation.RevocationEntry;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * The two writes on the revocation channel, each one Redis script so that Redis runs it as one step.
 *
 * <p>{@link #announce}: store the entry, take the next sequence number, append the event to the log under that
 * number, publish it with that number. Because nothing runs between them, the order of publication is the order of
 * the numbers, and an announcement with number {@code n} is in the store and the log before any later reader can see
 * a sequence of {@code n} or more.
 *
 * <p>{@link #probe}: publish a probe carrying the sequence number current at that moment. A subscriber that hears
 * it has, on an unbroken subscription, heard every announcement numbered up to it before it (a connection delivers
 * in order). If it has not, announcements were lost to it, however the gap came about, and it must reload.
 */
public final class RevocationChannel {

    /** About how many announcements the log keeps (Redis trims it in whole nodes, so a few more). */
    public static final long LOG_LENGTH = 100_000;

    // A log still numbered from before the state was lost (the state alone was evicted, say) refuses the lower number:
    // it is dropped and starts again from this one. Consumers of the old numbers are told to start again by the feed.
    private static final String ANNOUNCE = """
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
            local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
            local id = seq .. '-0'
            local added = redis.pcall('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], id, 'e', ARGV[4])
            if type(added) == 'table' and added.err then
              redis.call('DEL', KEYS[3])
              redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], id, 'e', ARGV[4])
            end
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
     * Stores the entry for {@code ttlSeconds}, logs it and publishes it (see {@link RevocationKeys}) with the next
     * sequence number; answers that number. Send it with {@link RedisLink#await}.
     */
    public RedisFuture<Long> announce(RedisClusterAsyncCommands<String, String> commands, RevocationEntry entry, long ttlSeconds) {
        return commands.eval(ANNOUNCE, ScriptOutputType.INTEGER, new String[]{keys.keyOf(entry), keys.state(), keys.log()},
                entry.storedValue(), Long.toString(ttlSeconds), keys.channel(), entry.event(), Long.toString(LOG_LENGTH));
    }

    /** Publishes {@code P <node> <probe> <seq>}; answers the sequence number it carried. */
    public RedisFuture<Long> probe(RedisClusterAsyncCommands<String, String> commands, String node, long probe) {
        return commands.eval(PROBE, ScriptOutputType.INTEGER, new String[]{keys.state()},
                keys.channel(), "P " + node + " " + probe);
    }
}
