package dev.authplatform.common.verify;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;

/** Reads {@link VerifierSettings} from the fixed setting names of ../shared/API.md. */
@Factory
final class VerifierSettingsFactory {

    @Singleton
    VerifierSettings verifierSettings(@Property(name = "auth.issuer") String issuer,
                                      @Property(name = "auth.audience", defaultValue = "platform") String audience,
                                      @Property(name = "auth.jwks-uri") @Nullable String jwksUri,
                                      @Property(name = "auth.tokens.access-token-type", defaultValue = "at+jwt") String accessTokenType,
                                      @Property(name = "auth.clock-skew", defaultValue = "60s") Duration clockSkew,
                                      @Property(name = "auth.jwks.min-refetch-interval", defaultValue = "10s") Duration jwksMinRefetch,
                                      @Property(name = "auth.jwks.default-max-age", defaultValue = "5m") Duration jwksDefaultMaxAge,
                                      @Property(name = "auth.verified-token-cache-size", defaultValue = "10000") int verifiedTokenCacheSize) {
        URI jwks = jwksUri == null || jwksUri.isBlank() ? null : URI.create(jwksUri);
        return new VerifierSettings(issuer, audience, jwks, accessTokenType, clockSkew, jwksMinRefetch, jwksDefaultMaxAge,
                verifiedTokenCacheSize);
    }
}
