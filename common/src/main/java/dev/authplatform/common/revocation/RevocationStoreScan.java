package dev.authplatform.common.revocation;

import dev.authplatform.revocation.RevocationEntry;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every entry of the revocation store in Redis (SCAN by kind, then MGET in batches): what a view reloads and
 * what the feed's snapshot serves. The store only grows while it is read (entries are added, or expire), so an entry
 * present when the scan began and still relevant is always read.
 */
public final class RevocationStoreScan {

    private RevocationStoreScan() {
    }

    public static void readAll(RedisLink redis, RevocationKeys keys, Consumer<RevocationEntry> into) {
        read(redis, keys, keys.sessionPattern(), RevocationEntry.Kind.SESSION, into);
        read(redis, keys, keys.tokenPattern(), RevocationEntry.Kind.TOKEN, into);
        read(redis, keys, keys.userPattern(), RevocationEntry.Kind.USER, into);
        read(redis, keys, keys.clientPattern(), RevocationEntry.Kind.CLIENT, into);
        read(redis, keys, keys.keyPattern(), RevocationEntry.Kind.KEY, into);
    }

    private static void read(RedisLink redis, RevocationKeys keys, String pattern, RevocationEntry.Kind kind,
                             Consumer<RevocationEntry> into) {
        ScanArgs matching = ScanArgs.Builder.matches(pattern).limit(1000);
        KeyScanCursor<String> page = redis.await(commands -> commands.scan(matching));
        while (true) {
            List<String> found = page.getKeys();
            for (int from = 0; from < found.size(); from += 500) {
                String[] batch = found.subList(from, Math.min(from + 500, found.size())).toArray(String[]::new);
                for (KeyValue<String, String> entry : redis.await(commands -> commands.mget(batch))) {
                    if (entry.hasValue()) {
                        keys.idOf(entry.getKey()).ifPresent(id -> into.accept(RevocationEntry.parseStored(kind, id, entry.getValue())));
                    }
                }
            }
            if (page.isFinished()) {
                return;
            }
            KeyScanCursor<String> previous = page;
            page = redis.await(commands -> commands.scan(previous, matching));
        }
    }
}
