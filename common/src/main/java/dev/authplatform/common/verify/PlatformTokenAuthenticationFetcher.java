package dev.authplatform.common.verify;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Bearer tokens are judged by {@link PlatformTokenValidator} alone. micronaut-security-jwt registers validators
 * of its own (one of them accepts an unsigned {@code alg: none} token when no signature is configured, as here);
 * Micronaut takes the first validator that says yes, so leaving them in would let the weakest one decide.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
class PlatformTokenAuthenticationFetcher extends TokenAuthenticationFetcher {

    PlatformTokenAuthenticationFetcher(PlatformTokenValidator validator,
                                       TokenResolver<HttpRequest<?>> tokenResolver,
                                       ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher) {
        super(List.of(validator), tokenResolver, tokenValidatedEventPublisher);
    }
}
