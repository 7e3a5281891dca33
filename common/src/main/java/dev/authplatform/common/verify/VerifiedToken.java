package dev.authplatform.common.verify;

import java.time.Instant;
import java.util.List;

/**
 * The claims of an access token that passed every check, as the principal carries them.
 *
 * @param sessionId the session ({@code sid}); null on a service token, which belongs to no session
 * @param clientId  the client the token was issued to ({@code client_id}); null on tokens of the JSON API
 * @param scopes    the granted scopes ({@code scope}); empty when none were granted
 * @param keyId     the {@code kid} of the key that signed it
 */
public record VerifiedToken(String subject,
                            String email,
                            List<String> roles,
                            String sessionId,
                            String tokenId,
                            Instant issuedAt,
                            Instant expiresAt,
                            String clientId,
                            List<String> scopes,
                            String keyId) {

    /** A client_credentials token: the client acting for itself (RFC 6749 section 4.4), not a user. */
    public boolean isServiceToken() {
        return clientId != null && clientId.equals(subject) && sessionId == null;
    }
}
