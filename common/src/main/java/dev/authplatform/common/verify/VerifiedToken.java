package dev.authplatform.common.verify;

import java.time.Instant;
import java.util.List;

/** The claims of an access token that passed every check, as the principal carries them. */
public record VerifiedToken(String subject,
                            String email,
                            List<String> roles,
                            String sessionId,
                            String tokenId,
                            Instant issuedAt,
                            Instant expiresAt) {
}
