package dev.authplatform.common.verify;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.bearer.BearerTokenConfiguration;
import io.micronaut.security.token.bearer.BearerTokenConfigurationProperties;
import io.micronaut.security.token.bearer.BearerTokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the token after the configured scheme ({@code Bearer}, matched regardless of case as RFC 9110 section 11.1
 * says, then one or more spaces) in the {@code Authorization} header. Micronaut's reader lower-cases the whole header
 * value to compare its first seven characters, a copy of the token on every protected request (a third of the bytes
 * {@code /api/me} allocated beyond the public route); this one compares the scheme in place.
 */
@Singleton
@Replaces(BearerTokenReader.class)
@Requires(property = BearerTokenConfigurationProperties.PREFIX + ".enabled", notEquals = StringUtils.FALSE) // as the one it replaces
class PlatformBearerTokenReader extends BearerTokenReader {

    PlatformBearerTokenReader(BearerTokenConfiguration bearerTokenConfiguration) {
        super(bearerTokenConfiguration);
    }

    @Override
    protected Optional<String> extractTokenFromAuthorization(String authorization) {
        String scheme = getPrefix();
        if (scheme == null || scheme.isEmpty()) {
            return Optional.of(authorization);
        }
        int start = scheme.length();
        if (authorization.length() <= start || !authorization.regionMatches(true, 0, scheme, 0, start)
                || authorization.charAt(start) != ' ') {
            return Optional.empty();
        }
        // RFC 6750 section 2.1: the scheme is followed by one or more spaces
        while (start < authorization.length() && authorization.charAt(start) == ' ') {
            start++;
        }
        return start == authorization.length() ? Optional.empty() : Optional.of(authorization.substring(start));
    }
}
