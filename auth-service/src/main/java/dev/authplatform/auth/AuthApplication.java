package dev.authplatform.auth;

import io.micronaut.runtime.Micronaut;

/** auth-service: users, passwords, sessions, token issuance, signing keys, JWKS. */
public final class AuthApplication {

    private AuthApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(AuthApplication.class, args);
    }
}
