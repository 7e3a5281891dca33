package dev.authplatform.common.verify;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where a verifier finds the issuer's public keys. The default is {@link JwksKeySource} (the published JWKS);
 * auth-service replaces it with its own key store. A lookup never blocks the calling thread.
 */
public interface SigningKeys {

    /** The key with this {@code kid}; a miss may trigger one rate-limited refresh before it answers. */
    CompletionStage<Optional<VerificationKey>> find(String kid);

    /** Whether any key is known yet: a verifier without keys can only refuse, so it reports itself DOWN. */
    boolean hasKeys();

    /**
     * The issuer revoked the key named {@code kid} (heard from the revocation view, never from a token): it has a new
     * current key, whose tokens may arrive any moment. Must not block.
     */
    default void keyRevoked(String kid) {
    }
}
