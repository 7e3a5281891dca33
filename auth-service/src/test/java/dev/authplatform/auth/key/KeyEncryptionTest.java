package dev.authplatform.auth.key;

import dev.authplatform.auth.support.AuthServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a key-encryption key configured, the database holds private keys only as JWEs. */
@MicronautTest(transactional = false)
class KeyEncryptionTest extends AuthServiceTest {

    @Inject
    SigningKeyRepository keys;

    @Override
    protected Map<String, String> extraProperties() {
        byte[] kek = new byte[32];
        new SecureRandom().nextBytes(kek);
        return Map.of("auth.keys.encryption-key", Base64.getEncoder().encodeToString(kek));
    }

    @Test
    void privateKeysAreStoredEncryptedAndStillSign() {
        String token = api().registerSomeone().accessToken();
        assertEquals(200, api().post("/admin/keys/rotate", null, loginAsAdmin().accessToken()).status());

        for (SigningKeyRow row : keys.findPublished(java.time.Instant.now())) {
            assertFalse(row.privateJwk().startsWith("{"), "stored as a JWE, not JSON");
            assertFalse(row.privateJwk().contains("\"d\""), "no private exponent in the clear");
            assertEquals(5, row.privateJwk().split("\\.", -1).length, "JWE compact serialization");
        }
        assertEquals(200, api().get("/auth/me", token).status());
        assertEquals(200, api().get("/auth/me", api().registerSomeone().accessToken()).status());
        assertTrue(api().get("/.well-known/jwks.json").body().contains("\"n\""));
    }
}
