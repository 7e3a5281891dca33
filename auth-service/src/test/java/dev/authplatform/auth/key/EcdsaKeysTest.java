package dev.authplatform.auth.key;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Jwts;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code auth.keys.algorithm: ES256} signs with P-256 keys, and the service verifies its own tokens. */
@MicronautTest(transactional = false)
class EcdsaKeysTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.keys.algorithm", "ES256");
    }

    @Test
    void tokensAreSignedWithEs256AndVerify() {
        Api.Response registered = api().registerSomeone();

        assertEquals("ES256", Jwts.header(registered.accessToken()).get("alg"));
        assertEquals(200, api().get("/auth/me", registered.accessToken()).status());
        Map<?, ?> key = (Map<?, ?>) api().get("/.well-known/jwks.json").list("keys").getFirst();
        assertEquals("EC", key.get("kty"));
        assertEquals("P-256", key.get("crv"));
        assertEquals(null, key.get("d"));
    }
}
