package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Simultaneously;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A flood of tokens naming unknown kids cannot become a flood of JWKS fetches. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksFetchingTest {

    private Platform platform;
    private CountingJwksProxy proxy;
    private ServiceProcess verifier;

    @BeforeAll
    void start() throws Exception {
        platform = new Platform();
        platform.auth.start();
        proxy = new CountingJwksProxy(platform.issuer() + "/.well-known/jwks.json");
        verifier = platform.newResourceService(Map.of("AUTH_JWKS_URI", proxy.url(), "AUTH_JWKS_MIN_REFETCH_INTERVAL", "30s")).start();
    }

    @AfterAll
    void stop() {
        verifier.stop();
        proxy.close();
        platform.close();
    }

    @Test
    void hundredTokensWithDistinctUnknownKidsCauseAtMostOneFetch() throws Exception {
        TokenForge forge = new TokenForge(platform);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tokens.add(forge.withUnknownKid());
        }
        int before = proxy.fetches();

        Api api = verifier.api();
        List<Integer> statuses = Simultaneously.statuses(tokens.size(), i -> api.get("/api/me", tokens.get(i)));

        assertTrue(statuses.stream().allMatch(status -> status == 401), statuses.toString());

        int fetched = proxy.fetches() - before;
        assertTrue(fetched <= 1, "JWKS fetched " + fetched + " times for 100 unknown kids");
        assertEquals(200, api.get("/api/me", platform.authApi().registerSomeone().accessToken()).status(), "known keys keep working");
    }
}
