package dev.authplatform.auth;

import io.micronaut.runtime.Micronaut;

/** auth-service: users, passwords, sessions, token issuance, signing keys, JWKS. */
public final class AuthApplication {

    private AuthApplication() {
    }

    public static void main(String[] args) {
        // No banner: it is not a log line, and would break a log stream of JSON lines (LOG_FORMAT=json).
        Micronaut.build(args).mainClass(AuthApplication.class).banner(false).start();
    }
}
