package dev.authplatform.spring;

import dev.authplatform.revocation.RevocationFeedClient;
import dev.authplatform.revocation.RevocationLookup;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import java.net.URI;
import java.util.List;

/**
 * Trusts the platform's access tokens exactly as {@code common} does, with revocation from the feed. Every bean backs
 * off when the service defines its own.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        // Spring Boot 3.5's names
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnProperty("authplatform.issuer")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AuthPlatformProperties.class)
public class AuthPlatformAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(RevocationLookup.class)
    @ConditionalOnProperty(name = "authplatform.revocation-check", havingValue = "true", matchIfMissing = true)
    RevocationFeedClient authPlatformRevocationFeed(AuthPlatformProperties platform) {
        AuthPlatformProperties.Feed feed = platform.feed();
        URI base = feed.uri() == null || feed.uri().toString().isBlank() ? URI.create(platform.issuer()) : feed.uri();
        return new RevocationFeedClient(new RevocationFeedClient.Settings(base, feed.clientId(), feed.clientSecret(),
                feed.stalenessBound(), feed.reconnectDelay(), null));
    }

    /** {@code authplatform.revocation-check=false}: no revocation checking, only to measure what it costs (bench/run). */
    @Bean
    @ConditionalOnMissingBean(RevocationLookup.class)
    @ConditionalOnProperty(name = "authplatform.revocation-check", havingValue = "false")
    RevocationLookup authPlatformUncheckedRevocations() {
        LoggerFactory.getLogger(AuthPlatformAutoConfiguration.class).warn("authplatform.revocation-check is false: revoked tokens "
                + "are accepted until they expire. Only for measuring what the check costs.");
        return RevocationLookup.UNCHECKED;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder authPlatformJwtDecoder(AuthPlatformProperties platform, RevocationLookup revocations) {
        NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder keys = platform.jwksUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(platform.jwksUri().toString())
                : NimbusJwtDecoder.withIssuerLocation(platform.issuer());
        // the algorithms auth-service signs with; a key is used only for the algorithm its JWK names
        NimbusJwtDecoder decoder = keys.jwsAlgorithms(algorithms -> {
            algorithms.add(SignatureAlgorithm.RS256);
            algorithms.add(SignatureAlgorithm.ES256);
        }).validateType(false).build();
        decoder.setJwtValidator(validator(platform, revocations));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(AuthPlatformProperties platform, RevocationLookup revocations) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(platform.clockSkew()),
                new JwtIssuerValidator(platform.issuer()),
                new JwtTypeValidator(platform.accessTokenType()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, audience -> audience != null && audience.contains(platform.audience())),
                new PlatformClaimsValidator(revocations)));
    }

    @Bean
    @ConditionalOnMissingBean
    AuthPlatformSecurity authPlatformSecurity(JwtDecoder decoder, RevocationLookup revocations) {
        return new AuthPlatformSecurity(decoder, revocations);
    }

    /** Without a chain of the service's own: every request needs a valid, unrevoked token. */
    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain authPlatformSecurityFilterChain(HttpSecurity http, AuthPlatformSecurity platform) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return platform.applyTo(http).build();
    }
}
