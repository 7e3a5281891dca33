package dev.authplatform.auth.key;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Signing-key settings ({@code auth.keys.*}).
 *
 * @param algorithm  algorithm of newly generated keys: RS256 (RSA 2048), ES256 (P-256) or EdDSA (Ed25519)
 * @param jwksMaxAge    Cache-Control max-age of the JWKS; far shorter than the rotation overlap (the longest token life)
 * @param encryptionKey key-encryption key for private keys at rest: 32 bytes, base64; empty stores them unencrypted
 * @param revokedRefusal how long verifiers are told to refuse every token of a revoked key; at least the longest token
 *                       life applies whatever this says. A token forged with a leaked key can claim any lifetime, so
 *                       this must outlast the time any verifier may keep the key from a JWKS fetched before the revocation
 */
@ConfigurationProperties("auth.keys")
public record KeySettings(@Bindable(defaultValue = "RS256") String algorithm,
                          @Bindable(defaultValue = "5m") Duration jwksMaxAge,
                          @Nullable String encryptionKey,
                          @Bindable(defaultValue = "24h") Duration revokedRefusal) {
}
