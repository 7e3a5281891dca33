package dev.authplatform.resource;

import dev.authplatform.common.lifecycle.ServiceLauncher;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** resource-service: an example API that verifies auth-service's tokens by itself. */
@OpenAPIDefinition(info = @Info(title = "resource-service", version = "0.1.0",
        description = "An example API that verifies every access token itself against the issuer's JWKS, refuses revoked tokens from memory, and enforces roles and scopes."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token of the platform (RFC 6750)")
public final class ResourceApplication {

    private ResourceApplication() {
    }

    public static void main(String[] args) {
        ServiceLauncher.run(ResourceApplication.class, args);
    }
}
