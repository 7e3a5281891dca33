package dev.authplatform.common.verify;

import dev.authplatform.common.revocation.RevocationView;
import io.micronaut.context.annotation.Context;

/**
 * Tells the signing keys when the revocation view hears that the issuer revoked a key, so that the key that replaced
 * it is known before its first token arrives (a verifier would otherwise wait out the JWKS refetch interval).
 */
@Context
class KeyRevocationListener {

    KeyRevocationListener(RevocationView revocations, SigningKeys keys) {
        revocations.whenKeyRevoked(keys::keyRevoked);
    }
}
