package dev.authplatform.auth.key;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWK;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.Base64;

/**
 * Encrypts private signing keys before they reach the database, when a key-encryption key is configured
 * ({@code auth.keys.encryption-key}: 32 random bytes, base64). The row then holds a JWE (RFC 7516, {@code dir} +
 * {@code A256GCM}), so a database dump alone cannot sign tokens. Rows written without a key stay readable, so the
 * setting can be switched on for an existing deployment; an encrypted row without the key fails loudly.
 */
@Singleton
public class PrivateKeyProtection {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateKeyProtection.class);

    private final byte[] keyEncryptionKey;

    PrivateKeyProtection(KeySettings settings) {
        String configured = settings.encryptionKey();
        if (configured == null || configured.isBlank()) {
            this.keyEncryptionKey = null;
            LOG.warn("auth.keys.encryption-key is not set: private signing keys are stored unencrypted");
        } else {
            this.keyEncryptionKey = Base64.getDecoder().decode(configured.strip());
            if (keyEncryptionKey.length != 32) {
                throw new IllegalArgumentException("auth.keys.encryption-key must be 32 bytes, base64-encoded");
            }
        }
    }

    /** What is stored for a private key: its JSON, or a JWE of it. */
    String seal(JWK privateKey) {
        if (keyEncryptionKey == null) {
            return privateKey.toJSONString();
        }
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(privateKey.toJSONString()));
            jwe.encrypt(new DirectEncrypter(keyEncryptionKey));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("private key encryption failed", e);
        }
    }

    /**
     * What is stored for another server-side secret (a TOTP secret): the value itself, or a JWE of it. A value that
     * contains no '.' is never taken for a JWE, so the setting can be switched on later here too.
     */
    public String sealSecret(String secret) {
        if (keyEncryptionKey == null) {
            return secret;
        }
        try {
            JWEObject jwe = new JWEObject(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), new Payload(secret));
            jwe.encrypt(new DirectEncrypter(keyEncryptionKey));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("secret encryption failed", e);
        }
    }

    /** The secret from what {@link #sealSecret} stored. */
    public String openSecret(String stored) {
        if (!stored.contains(".")) {
            return stored;
        }
        if (keyEncryptionKey == null) {
            throw new IllegalStateException("a secret is encrypted and auth.keys.encryption-key is not set");
        }
        try {
            JWEObject jwe = JWEObject.parse(stored);
            jwe.decrypt(new DirectDecrypter(keyEncryptionKey));
            return jwe.getPayload().toString();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("a sealed secret could not be opened", e);
        }
    }

    /** The private key from what is stored. */
    JWK open(String stored) throws ParseException, JOSEException {
        if (stored.startsWith("{")) {
            return JWK.parse(stored);
        }
        if (keyEncryptionKey == null) {
            throw new JOSEException("the signing key is encrypted and auth.keys.encryption-key is not set");
        }
        JWEObject jwe = JWEObject.parse(stored);
        jwe.decrypt(new DirectDecrypter(keyEncryptionKey));
        return JWK.parse(jwe.getPayload().toString());
    }
}
