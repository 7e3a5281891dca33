package dev.authplatform.auth.session;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpClientAddressResolver;

/**
 * Where a session was started from, for the user's own list of sessions: the client address (through trusted
 * proxies) and the User-Agent, cut to a length worth showing. Null parts are unknown.
 */
public record SessionOrigin(@Nullable String address, @Nullable String userAgent) {

    private static final int USER_AGENT_MAX = 256;

    public static final SessionOrigin UNKNOWN = new SessionOrigin(null, null);

    public static SessionOrigin of(HttpRequest<?> request, HttpClientAddressResolver addresses) {
        String agent = request.getHeaders().get(HttpHeaders.USER_AGENT);
        if (agent != null) {
            agent = agent.replaceAll("\\p{Cntrl}", "").strip();
            agent = agent.isEmpty() ? null : agent.substring(0, Math.min(agent.length(), USER_AGENT_MAX));
        }
        return new SessionOrigin(addresses.resolve(request), agent);
    }
}
