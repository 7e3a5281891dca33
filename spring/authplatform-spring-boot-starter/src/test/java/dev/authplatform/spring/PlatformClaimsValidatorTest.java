package dev.authplatform.spring;

import dev.authplatform.revocation.RevocationLookup;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The starter's checks after the signature: the same rules as common's verifier, revocation included. */
class PlatformClaimsValidatorTest {

    private static final String ISSUER = "http://localhost:8080";
    private static final Instant NOW = Instant.now();
    private static final AuthPlatformProperties PLATFORM = new AuthPlatformProperties(ISSUER, "platform", "at+jwt",
            Duration.ofSeconds(60), (URI) null, new AuthPlatformProperties.Feed(null, "feed", "secret", Duration.ofSeconds(2), Duration.ofMillis(100)));

    private final RevocationLookup revokedSession = new RevocationLookup() {
        @Override
        public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
            return "revoked-session".equals(sessionId) || "revoked-key".equals(keyId);
        }

        @Override
        public boolean isKeyRevoked(String keyId) {
            return false;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }
    };
    private final OAuth2TokenValidator<Jwt> validator = AuthPlatformAutoConfiguration.validator(PLATFORM, revokedSession);

    @Test
    void aUsersTokenWithItsSessionIsAccepted() {
        assertFalse(validator.validate(token("at+jwt", Map.of("sid", "s-1"))).hasErrors());
    }

    @Test
    void aServicesTokenNeedsNoSession() {
        assertFalse(validator.validate(token("at+jwt", Map.of("sub", "reporting", "client_id", "reporting"))).hasErrors());
    }

    @Test
    void everyOtherTokenIsRefused() {
        Map<String, Jwt> refused = Map.of(
                "a revoked session", token("at+jwt", Map.of("sid", "revoked-session")),
                "a token of a revoked signing key", Jwt.withTokenValue("t").header("alg", "RS256").header("typ", "at+jwt")
                        .header("kid", "revoked-key").issuer(ISSUER).audience(List.of("platform")).subject("u").jti("j")
                        .claim("sid", "s-1").issuedAt(NOW.minusSeconds(5)).expiresAt(NOW.plusSeconds(600)).build(),
                "a user's token without a session", token("at+jwt", Map.of()),
                "an ID token's typ", token("JWT", Map.of("sid", "s-1")),
                "another audience", token("at+jwt", Map.of("sid", "s-1", "aud", List.of("payments"))),
                "another issuer", token("at+jwt", Map.of("sid", "s-1", "iss", "http://elsewhere")),
                "expired beyond the skew", Jwt.withTokenValue("t").header("alg", "RS256").header("typ", "at+jwt")
                        .issuer(ISSUER).audience(List.of("platform")).subject("u").jti("j").claim("sid", "s-1")
                        .issuedAt(NOW.minusSeconds(3600)).expiresAt(NOW.minusSeconds(120)).build());
        refused.forEach((what, token) -> assertTrue(validator.validate(token).hasErrors(), what));
    }

    @Test
    void rolesAndScopesBecomeAuthorities() {
        Jwt token = token("at+jwt", Map.of("sid", "s-1", "roles", List.of("admin", "user"), "scope", "reports:read reports:write"));

        List<String> authorities = AuthPlatformSecurity.authorities(token).stream().map(GrantedAuthority::getAuthority).toList();

        assertEquals(List.of("ROLE_admin", "ROLE_user", "SCOPE_reports:read", "SCOPE_reports:write"), authorities);
    }

    private static Jwt token(String type, Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").header("typ", type)
                .issuer(ISSUER).audience(List.of("platform")).subject("u-1").jti("j-1").issuedAt(NOW.minusSeconds(5))
                .expiresAt(NOW.plusSeconds(600));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
