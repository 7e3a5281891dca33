package dev.authplatform.common.revocation;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code auth.revocation.source: none}: no revocation checking at all, every token taken as unrevoked until it
 * expires. Only to measure what the check costs (bench/run), never for a service that serves anyone: it says so at start.
 */
@Context
@Requires(property = RevocationView.SOURCE_PROPERTY, value = RevocationView.SOURCE_NONE)
public class UncheckedRevocationView implements RevocationView {

    UncheckedRevocationView() {
        LoggerFactory.getLogger(UncheckedRevocationView.class).warn("auth.revocation.source is none: revoked tokens are "
                + "accepted until they expire. Only for measuring what the revocation check costs.");
    }

    @Override
    public boolean isRevoked(String tokenId, String keyId, String sessionId, String subject, String clientId, Instant issuedAt) {
        return UNCHECKED.isRevoked(tokenId, keyId, sessionId, subject, clientId, issuedAt);
    }

    @Override
    public boolean isKeyRevoked(String keyId) {
        return UNCHECKED.isKeyRevoked(keyId);
    }

    @Override
    public Optional<String> unavailableReason() {
        return UNCHECKED.unavailableReason();
    }
}
