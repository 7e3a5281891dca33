package dev.authplatform.common.verify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The last JWKS a verifier fetched, kept on disk ({@code auth.jwks.cache.*}) so that it starts, and verifies tokens
 * signed with those keys, while the issuer is unreachable.
 *
 * @param enabled whether the file is read at start and written after each fetch that changed the keys
 * @param file    where; empty: {@code <java.io.tmpdir>/authplatform-jwks-<digest of the issuer>.json}
 */
@ConfigurationProperties("auth.jwks.cache")
public record JwksCacheSettings(@Bindable(defaultValue = "true") boolean enabled,
                                @Bindable(defaultValue = "") String file) {
}
