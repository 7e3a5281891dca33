package dev.authplatform.common.verify;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.bearer.BearerTokenReader;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.Optional;

/**
 * Bearer tokens are judged by {@link PlatformTokenValidator} alone. micronaut-security-jwt registers validators
 * of its own (one of them accepts an unsigned {@code alg: none} token when no signature is configured, as here);
 * Micronaut takes the first validator that says yes, so leaving them in would let the weakest one decide.
 * It does what {@link TokenAuthenticationFetcher} does (the token on the request, the validated event) for the
 * token in the {@code Authorization: Bearer} header (the only place the platform reads one), asking the bearer reader
 * directly rather than through the resolver's streams, and without a reactive operator between the request and a
 * known token's caller: both were most of what a protected request cost beyond a public one (bench/run).
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
class PlatformTokenAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final PlatformTokenValidator validator;
    private final BearerTokenReader bearerTokenReader;
    private final ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher;

    PlatformTokenAuthenticationFetcher(PlatformTokenValidator validator,
                                       BearerTokenReader bearerTokenReader,
                                       ApplicationEventPublisher<TokenValidatedEvent> tokenValidatedEventPublisher) {
        this.validator = validator;
        this.bearerTokenReader = bearerTokenReader;
        this.tokenValidatedEventPublisher = tokenValidatedEventPublisher;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> token = bearerTokenReader.findToken(request);
        if (token.isEmpty()) {
            return Mono.empty();
        }
        return validator.authenticate(token.get(), request, this::validated);
    }

    private void validated(HttpRequest<?> request, String token) {
        request.setAttribute(SecurityFilter.TOKEN, token);
        tokenValidatedEventPublisher.publishEvent(new TokenValidatedEvent(token, null, Locale.getDefault()));
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER;
    }
}
