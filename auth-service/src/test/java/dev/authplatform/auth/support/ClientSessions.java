package dev.authplatform.auth.support;

import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.auth.session.SessionService;
import dev.authplatform.common.testing.Api;

import java.util.List;
import java.util.UUID;

/**
 * Sessions of a new user bound to a client, started the way the authorization code grant starts them, for tests of
 * what comes after (refresh, revocation, introspection) until browser sign-in issues them over HTTP.
 */
public final class ClientSessions {

    private ClientSessions() {
    }

    public static SessionService.SessionTokens start(Api api, UserRepository users, SessionService sessions, String clientId,
                                                     List<String> scopes) {
        String email = "oauth-" + UUID.randomUUID() + "@platform.test";
        api.register(email, "correct-horse-1");
        UserRow user = users.findByEmailNormalized(UserRow.normalize(email)).orElseThrow();
        return sessions.startFor(user, clientId, scopes, null, dev.authplatform.auth.session.SessionOrigin.UNKNOWN, "pwd");
    }
}
