package dev.authplatform.common.revocation;

import java.util.Optional;

/**
 * The Redis layout shared by the writer (auth-service) and every reader.
 * <ul>
 *   <li>{@code <ns>:rv:s:<sid>} = epoch second until which the session's tokens are refused (TTL to match);</li>
 *   <li>{@code <ns>:rv:u:<sub>} = epoch second before which the user's tokens are refused (TTL to match);</li>
 *   <li>{@code <ns>:rv:generation} = marker of a seeded store: gone means Redis lost its data;</li>
 *   <li>{@code <ns>:rv:events} = pub/sub channel: {@code S <sid> <until>}, {@code U <sub> <notBefore> <until>},
 *       {@code P <node> <seq>} (a verifier's probe), {@code G <generation>} (a re-seed finished).</li>
 * </ul>
 */
public record RevocationKeys(String namespace) {

    public String session(String sessionId) {
        return namespace + ":rv:s:" + sessionId;
    }

    public String user(String subject) {
        return namespace + ":rv:u:" + subject;
    }

    public String sessionPattern() {
        return namespace + ":rv:s:*";
    }

    public String userPattern() {
        return namespace + ":rv:u:*";
    }

    public String generation() {
        return namespace + ":rv:generation";
    }

    public String channel() {
        return namespace + ":rv:events";
    }

    /** The id part of a session or user key. */
    public Optional<String> idOf(String key) {
        int colon = key.lastIndexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(key.substring(colon + 1));
    }

    public static String sessionEvent(String sessionId, long until) {
        return "S " + sessionId + " " + until;
    }

    public static String userEvent(String subject, long notBefore, long until) {
        return "U " + subject + " " + notBefore + " " + until;
    }

    public static String probeEvent(String node, long sequence) {
        return "P " + node + " " + sequence;
    }

    public static String generationEvent(String generation) {
        return "G " + generation;
    }
}
