package dev.authplatform.auth.token;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Token lifetimes and the access-token type ({@code auth.tokens.*}).
 *
 * @param accessTtl       lifetime of an access token
 * @param refreshTtl      lifetime of a refresh token (each refresh issues a new one)
 * @param sessionMax      absolute lifetime of a session from login, however often it is refreshed
 * @param accessTokenType JOSE {@code typ} of access tokens: {@code at+jwt} (RFC 9068) or {@code JWT}
 * @param refreshReuseGrace how long the refresh token just rotated away may be presented again and get the same new
 *                          pair instead of ending the session (0: never; see docs/usage.md, "Refresh retry grace", for the risk)
 */
@ConfigurationProperties("auth.tokens")
public record TokenSettings(@Bindable(defaultValue = "15m") Duration accessTtl,
                            @Bindable(defaultValue = "7d") Duration refreshTtl,
                            @Bindable(defaultValue = "30d") Duration sessionMax,
                            @Bindable(defaultValue = "at+jwt") String accessTokenType,
                            @Bindable(defaultValue = "0s") Duration refreshReuseGrace) {

    /** The longest any token we issue can live: how long a revocation or a retired key must be kept. */
    public Duration longestTokenLife() {
        return refreshTtl.compareTo(accessTtl) > 0 ? refreshTtl : accessTtl;
    }
}
