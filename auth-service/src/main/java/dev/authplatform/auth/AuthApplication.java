package dev.authplatform.auth;

import dev.authplatform.common.lifecycle.ServiceLauncher;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** auth-service: users, passwords, sessions, token issuance, signing keys, JWKS. */
@OpenAPIDefinition(info = @Info(title = "auth-service", version = "0.1.0",
        description = "Users, passwords, sessions, signed access tokens and single-use refresh tokens, signing keys and JWKS; an OAuth 2.0 authorization server and OpenID Connect provider. The contract in words: docs/contract.md."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token of the platform (RFC 6750)")
public final class AuthApplication {

    private AuthApplication() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run(AuthApplication.class, args);
    }
}
