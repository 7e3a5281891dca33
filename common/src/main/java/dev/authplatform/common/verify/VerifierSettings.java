package dev.authplatform.common.verify;

import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;

/**
 * What a verifier trusts. A service sets {@code auth.issuer} (and, when the issuer's public URL is not
 * reachable from it, {@code auth.jwks-uri}); everything else has a safe default.
 *
 * @param issuer            the exact {@code iss} of accepted tokens; the JWKS is discovered from it
 * @param audience          the {@code aud} an access token must name
 * @param jwksUri           the JWK Set URL, or null to discover it from the issuer's openid-configuration
 * @param accessTokenType   the JOSE {@code typ} of access tokens ({@code at+jwt} or {@code JWT})
 * @param clockSkew         leeway on {@code exp} and {@code nbf}; at most 60 s
 * @param jwksMinRefetch    the shortest time between two JWKS fetches, so unknown {@code kid}s cannot flood the issuer
 * @param jwksDefaultMaxAge how long a JWKS is kept when the issuer sends no Cache-Control max-age
 * @param verifiedTokenCacheSize how many verified tokens are remembered so their signature is checked once; 0: none
 */
public record VerifierSettings(String issuer,
                               String audience,
                               @Nullable URI jwksUri,
                               String accessTokenType,
                               Duration clockSkew,
                               Duration jwksMinRefetch,
                               Duration jwksDefaultMaxAge,
                               int verifiedTokenCacheSize) {

    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    public VerifierSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("auth.issuer must be set");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("auth.clock-skew must be between 0 and 60 s");
        }
    }

    /** The issuer's discovery document (RFC 8414 section 3), where the JWKS URL is found when not configured. */
    public URI discoveryUri() {
        return URI.create(issuerBase() + "/.well-known/openid-configuration");
    }

    /** The issuer URL without a trailing slash, to append endpoint paths to. */
    public String issuerBase() {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
