package dev.authplatform.common.revocation;

import dev.authplatform.revocation.RevocationEntry;
import java.util.Optional;

/**
 * The Redis layout shared by the writer (auth-service) and every reader.
 * <ul>
 *   <li>{@code <ns>:rv:s:<sid>} = epoch second until which the session's tokens are refused (TTL to match);</li>
 *   <li>{@code <ns>:rv:u:<sub>} = {@code <notBefore> <until>}: the user's tokens issued before are refused;</li>
 *   <li>{@code <ns>:rv:c:<client_id>} = {@code <notBefore> <until>}: the client's tokens issued before are refused;</li>
 *   <li>{@code <ns>:rv:t:<jti>} = epoch second until which that one access token is refused (RFC 7009);</li>
 *   <li>{@code <ns>:rv:k:<kid>} = epoch second until which every token signed by that key is refused (a key revoked in
 *       an emergency);</li>
 *   <li>{@code <ns>:rv:state} = a hash of {@code generation} (the marker of a seeded store) and {@code seq} (the number
 *       of the last announcement). Both live in one key so they are lost together: a Redis that lost its data
 *       restarts the sequence under a new generation, never under the old one;</li>
 *   <li>{@code <ns>:rv:events} = pub/sub channel: {@code S <sid> <until> <seq>}, {@code U <sub> <notBefore> <until> <seq>},
 *       {@code C <client_id> <notBefore> <until> <seq>}, {@code T <jti> <until> <seq>}, {@code K <kid> <until> <seq>}, {@code P <node> <probe> <seq>} (a verifier's probe, carrying
 *       the sequence current when it was published), {@code G <generation>} (a re-seed finished);</li>
 *   <li>{@code <ns>:rv:log} = a stream of the same announcements (field {@code e}, without the number), each under
 *       the id {@code <seq>-0}, capped at about {@link RevocationChannel#LOG_LENGTH} entries: what the HTTP feed replays
 *       to a consumer that resumes after a given number, from whichever instance it reconnects to.</li>
 * </ul>
 * The sequence number goes last so that a reader that knows only the older layout still reads the rest.
 * On a Redis Cluster the namespace is a hash tag ({@code {authplatform}}): every key then hashes to one slot, as
 * the scripts that write an entry and the state together require.
 */
public record RevocationKeys(String namespace) {

    /** Field of {@link #state()}: the marker of a seeded store. */
    public static final String GENERATION_FIELD = "generation";
    /** Field of {@link #state()}: the number of the last announcement. */
    public static final String SEQUENCE_FIELD = "seq";

    public String session(String sessionId) {
        return namespace + ":rv:s:" + sessionId;
    }

    public String user(String subject) {
        return namespace + ":rv:u:" + subject;
    }

    public String client(String clientId) {
        return namespace + ":rv:c:" + clientId;
    }

    public String token(String tokenId) {
        return namespace + ":rv:t:" + tokenId;
    }

    public String key(String keyId) {
        return namespace + ":rv:k:" + keyId;
    }

    public String keyPattern() {
        return namespace + ":rv:k:*";
    }

    public String tokenPattern() {
        return namespace + ":rv:t:*";
    }

    public String sessionPattern() {
        return namespace + ":rv:s:*";
    }

    public String userPattern() {
        return namespace + ":rv:u:*";
    }

    public String clientPattern() {
        return namespace + ":rv:c:*";
    }

    public String state() {
        return namespace + ":rv:state";
    }

    public String channel() {
        return namespace + ":rv:events";
    }

    public String log() {
        return namespace + ":rv:log";
    }

    /** The key an entry is stored under. */
    public String keyOf(RevocationEntry entry) {
        return switch (entry.kind()) {
            case SESSION -> session(entry.id());
            case USER -> user(entry.id());
            case CLIENT -> client(entry.id());
            case TOKEN -> token(entry.id());
            case KEY -> key(entry.id());
        };
    }

    /** Whether every key of the namespace hashes by a common tag: a non-empty {@code {...}} (the cluster's rule). */
    public static boolean hasHashTag(String namespace) {
        int open = namespace.indexOf('{');
        int close = open < 0 ? -1 : namespace.indexOf('}', open + 1);
        return close > open + 1;
    }

    /** The id part of a session, user, client or token key. */
    public Optional<String> idOf(String key) {
        int colon = key.lastIndexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(key.substring(colon + 1));
    }

    public static String generationEvent(String generation) {
        return "G " + generation;
    }
}
