package dev.authplatform.resource.api;

import dev.authplatform.common.claims.PlatformClaims;
import dev.authplatform.common.verify.PlatformTokenValidator;
import dev.authplatform.common.verify.RequiredScopes;
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

    /** {@code clientId} and {@code scopes} extend API.md's shape: a service token has no email and no session. */
    @Serdeable
    record Me(String subject, String email, List<String> roles, String sessionId, Instant expiresAt, String clientId,
              List<String> scopes) {
    }

    @Serdeable
    record Reports(String service, String caller, List<Report> reports) {
    }

    @Serdeable
    record Report(String id, String title) {
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
                Instant.ofEpochSecond((Long) attributes.get(PlatformTokenValidator.EXPIRES_AT)),
                (String) attributes.get(PlatformTokenValidator.CLIENT_ID),
                scopesOf(caller));
    }

    /** Needs the scope, whoever carries it: a service's token (client credentials) or a user's token granted it. */
    @Get("/reports")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @RequiredScopes("reports:read")
    Reports reports(Authentication caller) {
        return new Reports(SERVICE, caller.getName(), List.of(new Report("r-1", "Sign-ins this week"), new Report("r-2", "Revocations this week")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> scopesOf(Authentication caller) {
        return caller.getAttributes().get(PlatformTokenValidator.SCOPES) instanceof List<?> scopes ? (List<String>) scopes : List.of();
    }

    @Get("/admin/overview")
    @Secured(PlatformClaims.ROLE_ADMIN)
    Map<String, Object> adminOverview(Authentication caller) {
        return Map.of("service", SERVICE, "admin", caller.getName(), "checkedAt", Instant.now().toString());
    }
}
