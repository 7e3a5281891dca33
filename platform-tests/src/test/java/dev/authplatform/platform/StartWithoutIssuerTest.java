package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A resource-service started while auth-service is unreachable starts from the last JWKS it saved
 * ({@code auth.jwks.cache.file}): tokens of the keys it knew verify, a token naming any other key is refused until the
 * issuer answers again, and then a rotated key is fetched as usual.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartWithoutIssuerTest {

    private Path directory;
    private Path cacheFile;
    private Platform platform;

    @BeforeAll
    void start() throws Exception {
        directory = Files.createTempDirectory("jwks-cache-");
        cacheFile = directory.resolve("jwks.json");
        platform = new Platform(TestInfrastructure.get().redisUri(), Map.of("AUTH_JWKS_CACHE_FILE", cacheFile.toString())).start();
    }

    @AfterAll
    void stop() throws Exception {
        platform.close();
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }

    @Test
    void aVerifierStartedWhileTheIssuerIsDownVerifiesWithTheKeysItKnew() throws Exception {
        String valid = platform.authApi().registerSomeone().accessToken();
        String admin = platform.adminToken();
        String unknownKid = new TokenForge(platform).withUnknownKid();
        assertEquals(200, platform.resourceApi().get("/api/me", valid).status());
        Poll.until(Duration.ofSeconds(5), "resource-service to save the JWKS", () -> Files.isRegularFile(cacheFile));
        platform.resource.stop();
        platform.auth.stop();

        try (ServiceProcess late = platform.newResourceService(Map.of("AUTH_JWKS_CACHE_FILE", cacheFile.toString())).start()) {
            Api resource = late.api(); // start() returned once /health answered 200: ready without the issuer

            assertEquals(200, resource.get("/api/me", valid).status(), "a token of a key it knew");
            assertEquals(401, resource.get("/api/me", unknownKid).status(), "an unknown kid, while the issuer is down");

            platform.auth.start();
            Api.Response rotated = platform.authApi().post("/admin/keys/rotate", null, admin);
            assertEquals(200, rotated.status(), rotated.toString());
            String signedWithTheNewKey = platform.authApi().registerSomeone().accessToken();
            Poll.until(Duration.ofSeconds(5), "the rotated key to be fetched from the issuer, back up",
                    () -> resource.get("/api/me", signedWithTheNewKey).status() == 200);
        }
    }

    @Test
    void withTheCacheOffItWaitsForTheIssuer() throws Exception {
        platform.auth.stop();
        try (ServiceProcess late = platform.newResourceService(Map.of("AUTH_JWKS_CACHE_ENABLED", "false")).start(false)) {
            Api resource = late.api();
            Poll.until(Duration.ofSeconds(30), "resource-service to answer", () -> {
                try {
                    return resource.get("/health").status() > 0;
                } catch (IllegalStateException notListeningYet) {
                    return false;
                }
            });
            assertEquals(503, resource.get("/health/readiness").status(), "no keys: not ready");
        } finally {
            platform.auth.start();
        }
    }
}
