package dev.authplatform.auth.console;

import dev.authplatform.common.verify.PlatformTokenValidator;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The console's access token, from its cookie and on the console's paths only, judged by the same validator as a
 * bearer token (signature by the key's algorithm, revocation, roles): {@code @Secured} guards the console pages as it
 * guards the API. Asked after the bearer header: a request that carries both is judged by the header.
 */
@Singleton
final class ConsoleAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final PlatformTokenValidator validator;

    ConsoleAuthenticationFetcher(PlatformTokenValidator validator) {
        this.validator = validator;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (ConsoleArea.of(request.getPath()).isEmpty()) {
            return Mono.empty();
        }
        return ConsoleCookies.read(request, ConsoleCookies.ACCESS)
                .map(token -> validator.authenticate(token, request, (on, valid) -> on.setAttribute(SecurityFilter.TOKEN, valid)))
                .orElseGet(Mono::empty);
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER + 1;
    }
}
