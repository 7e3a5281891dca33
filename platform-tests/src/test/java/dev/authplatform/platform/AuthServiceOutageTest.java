package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With auth-service down no revocation can be issued, so resource-service keeps verifying with cached keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthServiceOutageTest {

    private Platform platform;

    @BeforeAll
    void start() {
        platform = new Platform().start();
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void resourceServiceAcceptsValidAndRefusesForgedTokensWhileAuthServiceIsDown() throws Exception {
        String valid = platform.authApi().registerSomeone().accessToken();
        String forged = new TokenForge(platform).signedWithAnotherKey();

        platform.auth.stop();

        Api resource = platform.resourceApi();
        assertEquals(200, resource.get("/api/me", valid).status());
        assertEquals(401, resource.get("/api/me", forged).status());
        assertEquals(200, resource.get("/health").status(), "cached keys keep resource-service UP");
    }
}
