package dev.authplatform.resource.api;

import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.PlatformTokenValidator;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The example API. Everything it knows about the caller comes from the verified token: it has no database,
 * and no request costs a call to auth-service.
 */
@Controller("/api")
class ResourceController {

    static final String SERVICE = "resource-service";
    static final String VERSION = "0.1.0";

    @Serdeable
    record Info(String service, String version) {
    }

    @Serdeable
    record Me(String subject, String email, List<String> roles, String sessionId, Instant expiresAt) {
    }

    @Get("/public/info")
    @Secured(SecurityRule.IS_ANONYMOUS)
    Info info() {
        return new Info(SERVICE, VERSION);
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    Me me(Authentication caller) {
        Map<String, Object> attributes = caller.getAttributes();
        return new Me(caller.getName(),
                (String) attributes.get(PlatformClaims.EMAIL),
                List.copyOf(caller.getRoles()),
                (String) attributes.get(PlatformTokenValidator.SESSION_ID),
                Instant.ofEpochSecond((Long) attributes.get(PlatformTokenValidator.EXPIRES_AT)));
    }

    @Get("/admin/overview")
    @Secured(PlatformClaims.ROLE_ADMIN)
    Map<String, Object> adminOverview(Authentication caller) {
        return Map.of("service", SERVICE, "admin", caller.getName(), "checkedAt", Instant.now().toString());
    }
}
