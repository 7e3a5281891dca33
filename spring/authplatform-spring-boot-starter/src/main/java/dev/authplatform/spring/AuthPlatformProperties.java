package dev.authplatform.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * What a Spring service trusts ({@code authplatform.*}). Setting the issuer and the feed's client is all it needs.
 *
 * @param issuer          the exact {@code iss} of accepted tokens; the JWKS is discovered from it
 * @param audience        the {@code aud} an access token must name
 * @param accessTokenType the JOSE {@code typ} of access tokens ({@code at+jwt}, or {@code JWT} where auth-service is set so)
 * @param clockSkew       leeway on {@code exp} and {@code nbf}; at most 60 s
 * @param jwksUri         the JWK Set URL when the issuer's public address is not reachable from here; empty: discovered
 * @param feed            the revocation feed (docs/revocation-feed.md)
 */
@ConfigurationProperties("authplatform")
public record AuthPlatformProperties(String issuer,
                                     @DefaultValue("platform") String audience,
                                     @DefaultValue("at+jwt") String accessTokenType,
                                     @DefaultValue("60s") Duration clockSkew,
                                     URI jwksUri,
                                     @DefaultValue Feed feed) {

    public AuthPlatformProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("authplatform.issuer must be set");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("authplatform.clock-skew must be between 0 and 60 s");
        }
    }

    /**
     * @param uri            auth-service as this service reaches it (token endpoint and feed are under it); empty: the issuer
     * @param clientId       a client with the client_credentials grant and the revocation:read scope
     * @param clientSecret   its secret
     * @param stalenessBound how long without the feed's probe before protected requests get 503
     * @param reconnectDelay the pause before reconnecting a stream that ended
     */
    public record Feed(URI uri, String clientId, String clientSecret,
                       @DefaultValue("2s") Duration stalenessBound,
                       @DefaultValue("100ms") Duration reconnectDelay) {
    }
}
