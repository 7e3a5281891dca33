package dev.authplatform.example;

import dev.authplatform.revocation.RevocationLookup;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/public/info} and {@code GET /api/me}, with the shapes resource-service answers. */
@RestController
class ApiController {

    record Info(String service, String version) {
    }

    record Me(String subject, String email, List<String> roles, String sessionId, Instant expiresAt, String clientId,
              List<String> scopes) {
    }

    private final RevocationLookup revocations;

    ApiController(RevocationLookup revocations) {
        this.revocations = revocations;
    }

    @GetMapping("/api/public/info")
    Info info() {
        return new Info("spring-example", "0.1.0");
    }

    @GetMapping("/api/me")
    Me me(@AuthenticationPrincipal Jwt token) {
        String scope = token.getClaimAsString("scope");
        List<String> roles = token.getClaimAsStringList("roles");
        return new Me(token.getSubject(), token.getClaimAsString("email"), roles == null ? List.of() : roles,
                token.getClaimAsString("sid"), token.getExpiresAt(), token.getClaimAsString("client_id"),
                scope == null || scope.isBlank() ? List.of() : List.of(scope.split(" ")));
    }

    /** UP while the revocation view vouches for being current (protected requests are answered), else 503. */
    @GetMapping("/health")
    ResponseEntity<Map<String, String>> health() {
        return revocations.unavailableReason().isEmpty()
                ? ResponseEntity.ok(Map.of("status", "UP"))
                : ResponseEntity.status(503).body(Map.of("status", "DOWN"));
    }
}
