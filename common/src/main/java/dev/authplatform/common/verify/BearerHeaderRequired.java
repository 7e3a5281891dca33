package dev.authplatform.common.verify;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.bearer.BearerTokenConfigurationProperties;

/**
 * Stops the start when the bearer header is turned off: it is the only place the platform reads an access token
 * from, and without it the security filter could not be built, so every request, public ones and health checks
 * included, would have been answered with a 500.
 */
@Context
@Requires(property = BearerTokenConfigurationProperties.PREFIX + ".enabled", value = StringUtils.FALSE)
final class BearerHeaderRequired {

    BearerHeaderRequired() {
        throw new ConfigurationException("The platform reads access tokens from the Authorization header only "
                + "(RFC 6750), so " + BearerTokenConfigurationProperties.PREFIX + ".enabled must not be false");
    }
}
