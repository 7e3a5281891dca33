package dev.authplatform.revocation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * One revocation, as the store keeps it and the channel and the feed announce it.
 *
 * @param kind      what it covers
 * @param id        the session id, subject, client id, token id ({@code jti}) or signing key id ({@code kid})
 * @param notBefore for {@link Kind#USER} and {@link Kind#CLIENT}: tokens issued before this epoch second are refused;
 *                  0 for the others
 * @param until     epoch second after which the entry protects nothing (every token it covers has expired)
 */
public record RevocationEntry(Kind kind, String id, long notBefore, long until) {

    public enum Kind {
        SESSION("S", "session"), USER("U", "user"), CLIENT("C", "client"), TOKEN("T", "token"),
        /** A signing key revoked in an emergency: every token it signed is refused, whatever its times. */
        KEY("K", "key");

        private final String letter;
        private final String label;

        Kind(String letter, String label) {
            this.letter = letter;
            this.label = label;
        }

        /** The lower-case name the feed and the metrics use. */
        public String label() {
            return label;
        }

        /** The kind named {@code label} ({@code session}, {@code user}, {@code client}, {@code token}, {@code key}), if any. */
        public static Optional<Kind> ofLabel(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        /** One counter per kind, by label: what the views count announcements in. */
        public static Map<String, LongAdder> counters() {
            Map<String, LongAdder> counters = new LinkedHashMap<>();
            for (Kind kind : values()) {
                counters.put(kind.label, new LongAdder());
            }
            return Collections.unmodifiableMap(counters);
        }

        static Optional<Kind> ofLetter(String letter) {
            for (Kind kind : values()) {
                if (kind.letter.equals(letter)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    public static RevocationEntry session(String sessionId, long until) {
        return new RevocationEntry(Kind.SESSION, sessionId, 0, until);
    }

    public static RevocationEntry token(String tokenId, long until) {
        return new RevocationEntry(Kind.TOKEN, tokenId, 0, until);
    }

    public static RevocationEntry key(String keyId, long until) {
        return new RevocationEntry(Kind.KEY, keyId, 0, until);
    }

    public static RevocationEntry user(String subject, long notBefore, long until) {
        return new RevocationEntry(Kind.USER, subject, notBefore, until);
    }

    public static RevocationEntry client(String clientId, long notBefore, long until) {
        return new RevocationEntry(Kind.CLIENT, clientId, notBefore, until);
    }

    /** The announcement's text without its sequence number ({@link RevocationKeys}): {@code S <sid> <until>} and so on. */
    public String event() {
        return switch (kind) {
            case SESSION, TOKEN, KEY -> kind.letter + " " + id + " " + until;
            case USER, CLIENT -> kind.letter + " " + id + " " + notBefore + " " + until;
        };
    }

    /** The value stored under the entry's key: {@code <until>}, or {@code <notBefore> <until>} for users and clients. */
    public String storedValue() {
        return ranged(kind) ? notBefore + " " + until : Long.toString(until);
    }

    /**
     * Reads an announcement's words ({@code S <sid> <until> [<seq>]}, ...); empty when the first word is not a kind of
     * entry (a probe, a generation, a kind this version does not know). Throws on a malformed entry.
     */
    public static Optional<RevocationEntry> parseEvent(String[] words) {
        return Kind.ofLetter(words[0]).map(kind -> switch (kind) {
            case SESSION, TOKEN, KEY -> new RevocationEntry(kind, words[1], 0, Long.parseLong(words[2]));
            case USER, CLIENT -> new RevocationEntry(kind, words[1], Long.parseLong(words[2]), Long.parseLong(words[3]));
        });
    }

    /** The position of the sequence number among an announcement's words. */
    public static int sequenceIndex(Kind kind) {
        return ranged(kind) ? 4 : 3;
    }

    /** Whether entries of this kind cover a range of issue times (a not-before), rather than everything they name. */
    public static boolean ranged(Kind kind) {
        return kind == Kind.USER || kind == Kind.CLIENT;
    }

    /** Reads a stored entry: the kind comes from the key, the rest from its value. */
    public static RevocationEntry parseStored(Kind kind, String id, String value) {
        if (!ranged(kind)) {
            return new RevocationEntry(kind, id, 0, Long.parseLong(value));
        }
        String[] parts = value.split(" ");
        return new RevocationEntry(kind, id, Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }
}
