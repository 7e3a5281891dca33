package dev.authplatform.auth.key;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code auth.keys.algorithm: EdDSA} signs with Ed25519 keys, and the service verifies its own tokens. */
@MicronautTest(transactional = false)
class EdDsaKeysTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.keys.algorithm", "EdDSA");
    }

    @Test
    void tokensAreSignedWithEdDsaAndVerify() {
        Api.Response registered = api().registerSomeone();

        assertEquals("EdDSA", Jwts.header(registered.accessToken()).get("alg"));
        assertEquals(200, api().get("/auth/me", registered.accessToken()).status());
        Map<?, ?> key = (Map<?, ?>) api().get("/.well-known/jwks.json").list("keys").getFirst();
        assertEquals("OKP", key.get("kty"));
        assertEquals("Ed25519", key.get("crv"));
        assertEquals(null, key.get("d"));
    }
}
