package dev.authplatform.spring;

import dev.authplatform.revocation.RevocationLookup;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;

/**
 * The platform's own rules on an access token, after Spring's checks of signature, {@code typ}, {@code iss},
 * {@code aud} and time: {@code sub} and {@code jti} present, {@code sid} present unless it is a service's token
 * ({@code client_id} = {@code sub}), and not revoked (its session, its user's or client's tokens before a time, or
 * itself), as {@code common}'s verifier checks them.
 */
final class PlatformClaimsValidator implements OAuth2TokenValidator<Jwt> {

    private final RevocationLookup revocations;

    PlatformClaimsValidator(RevocationLookup revocations) {
        this.revocations = revocations;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String subject = token.getSubject();
        String tokenId = token.getId();
        Instant issuedAt = token.getIssuedAt();
        if (subject == null || tokenId == null || issuedAt == null) {
            return refused("The token lacks sub, jti or iat");
        }
        String clientId = token.getClaimAsString("client_id");
        String sessionId = token.getClaimAsString("sid");
        if (sessionId == null && !subject.equals(clientId)) {
            return refused("The token has no session");
        }
        if (revocations.isRevoked(tokenId, keyIdOf(token), sessionId, subject, clientId, issuedAt)) {
            return refused("The token has been revoked");
        }
        return OAuth2TokenValidatorResult.success();
    }

    /** The {@code kid} the token names; the decoder found its key by it. */
    private static String keyIdOf(Jwt token) {
        return token.getHeaders().get("kid") instanceof String kid ? kid : "";
    }

    private static OAuth2TokenValidatorResult refused(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
