package dev.authplatform.common.revocation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * How a verifier follows auth-service's revocation feed ({@code auth.revocation.feed.*}), when
 * {@code auth.revocation.source} is {@code feed}. The client must be registered with the client-credentials grant and
 * the {@code revocation:read} scope.
 *
 * @param uri            auth-service's address as this service reaches it (token endpoint and feed are under it);
 *                       empty: the issuer's
 * @param clientId       the registered client this service reads the feed as
 * @param clientSecret   its secret (HTTP Basic at the token endpoint)
 * @param reconnectDelay the pause before reconnecting after a stream ended; doubled on each failure, up to 500 ms
 */
@ConfigurationProperties("auth.revocation.feed")
@Requires(property = RevocationView.SOURCE_PROPERTY, value = RevocationView.SOURCE_FEED)
public record RevocationFeedClientSettings(@Nullable URI uri,
                                           String clientId,
                                           String clientSecret,
                                           @Bindable(defaultValue = "100ms") Duration reconnectDelay) {
}
