package dev.authplatform.revocation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What a verifier holds in memory: every revocation that may still cover a live access token. Entries are only ever
 * added (merged by the later time) or dropped once they protect nothing, so applying the same entry twice, or a
 * reload racing an announcement, never undoes anything. Shared by the Redis view and the feed view.
 */
public final class RevokedEntries {

    /** jti → epoch second until which that access token is refused. */
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    /** sid → epoch second until which its tokens are refused. */
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    /** subject → {not-before epoch second, epoch second until which the entry matters}. */
    private final Map<String, long[]> users = new ConcurrentHashMap<>();
    /** client_id → {not-before epoch second, epoch second until which the entry matters}. */
    private final Map<String, long[]> clients = new ConcurrentHashMap<>();
    /** kid → epoch second until which every token that key signed is refused. */
    private final Map<String, Long> keys = new ConcurrentHashMap<>();
    private volatile Consumer<String> whenKeyRevoked = kid -> { };

    /** See {@link RevocationView#isRevoked}. */
    public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
        if ((sessionId != null && sessions.containsKey(sessionId)) || tokens.containsKey(tokenId) || keys.containsKey(keyId)) {
            return true;
        }
        long issued = issuedAt.getEpochSecond();
        long[] user = users.get(subject);
        if (user != null && issued < user[0]) {
            return true;
        }
        long[] client = clientId == null ? null : clients.get(clientId);
        return client != null && issued < client[0];
    }

    /** Whether the signing key named {@code keyId} has been revoked: see {@link RevocationLookup#isKeyRevoked}. */
    public boolean isKeyRevoked(String keyId) {
        return keys.containsKey(keyId);
    }

    public void add(RevocationEntry entry) {
        switch (entry.kind()) {
            case SESSION -> sessions.merge(entry.id(), entry.until(), Math::max);
            case TOKEN -> tokens.merge(entry.id(), entry.until(), Math::max);
            case KEY -> {
                boolean first = !keys.containsKey(entry.id());
                keys.merge(entry.id(), entry.until(), Math::max);
                if (first) {
                    whenKeyRevoked.accept(entry.id());
                }
            }
            case USER -> users.merge(entry.id(), new long[]{entry.notBefore(), entry.until()}, RevokedEntries::later);
            case CLIENT -> clients.merge(entry.id(), new long[]{entry.notBefore(), entry.until()}, RevokedEntries::later);
        }
    }

    /**
     * Called with the {@code kid} of each signing key heard revoked for the first time, on the thread that applies
     * entries: it must not block. The issuer has a new current key by then; a verifier refetches the JWKS to learn it.
     */
    public void whenKeyRevoked(Consumer<String> listener) {
        whenKeyRevoked = listener;
    }

    /** Drops the entries that protect nothing any more: every token they cover has expired. */
    public void purgeBefore(long epochSecond) {
        sessions.values().removeIf(until -> until < epochSecond);
        tokens.values().removeIf(until -> until < epochSecond);
        keys.values().removeIf(until -> until < epochSecond);
        users.values().removeIf(entry -> entry[1] < epochSecond);
        clients.values().removeIf(entry -> entry[1] < epochSecond);
    }

    /** A one-line count for logs. */
    public String summary() {
        return sessions.size() + " sessions, " + users.size() + " users, " + clients.size() + " clients, "
                + tokens.size() + " tokens, " + keys.size() + " signing keys revoked";
    }

    private static long[] later(long[] a, long[] b) {
        return new long[]{Math.max(a[0], b[0]), Math.max(a[1], b[1])};
    }
}
