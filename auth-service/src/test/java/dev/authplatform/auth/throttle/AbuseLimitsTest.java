package dev.authplatform.auth.throttle;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.auth.support.OAuthClients;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-address and per-client limits on the endpoints that cost work, in each family's format, and nothing done past
 * them. The service trusts loopback as its proxy here, so each test speaks from addresses of its own
 * ({@code X-Forwarded-For}).
 */
@MicronautTest(transactional = false)
class AbuseLimitsTest extends AuthServiceTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.limits.enabled", "true", "auth.proxies.trusted", "127.0.0.1,::1",
                "auth.limits.registrations-per-address", "3", "auth.limits.sign-ins-per-address", "4",
                "auth.limits.token-requests-per-address", "5", "auth.limits.token-requests-per-client", "6",
                "auth.limits.window", "10m");
    }

    @Test
    void registrationsPastTheLimitAreRefusedAsProblemsAndCreateNothing() {
        String address = someAddress();
        for (int i = 0; i < 3; i++) {
            assertEquals(201, register(address, "user-" + UUID.randomUUID() + "@platform.test").status());
        }
        String refusedEmail = "refused-" + UUID.randomUUID() + "@platform.test";

        Api.Response refused = register(address, refusedEmail);

        assertEquals(429, refused.status(), refused.toString());
        assertEquals("application/problem+json", refused.header("Content-Type"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1, refused.toString());
        assertEquals(201, register(someAddress(), "user-" + UUID.randomUUID() + "@platform.test").status(), "another address is not limited");
        assertEquals(201, register(someAddress(), refusedEmail).status(), "the refused registration created nothing");
    }

    @Test
    void signInsPastTheLimitAreRefusedOnTheJsonApiAndOnTheHostedPage() {
        String address = someAddress();
        for (int i = 0; i < 4; i++) {
            assertEquals(401, from(address, "POST", "/auth/login", "application/json",
                    Api.json("email", "nobody@platform.test", "password", "wrong-password-1")).status());
        }
        Api.Response refused = from(address, "POST", "/auth/login", "application/json",
                Api.json("email", "nobody@platform.test", "password", "wrong-password-1"));
        assertEquals(429, refused.status());
        assertEquals("application/problem+json", refused.header("Content-Type"));

        Api.Response page = from(address, "POST", "/oauth2/signin", FORM, "email=a%40b.test&password=x");
        assertEquals(429, page.status());
        assertTrue(page.header("Content-Type").startsWith("text/html"), page.toString());
        assertTrue(page.body().contains("Too many requests"), page.body());
        assertTrue(page.header("Retry-After") != null);
    }

    @Test
    void tokenRequestsPastTheAddressLimitAreRefusedInTheProtocolsFormat() {
        String address = someAddress();
        Api.Response client = new OAuthClients(api(), adminToken()).service(List.of("reports:read"), List.of());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, clientCredentials(address, client).status());
        }

        Api.Response refused = clientCredentials(address, client);

        assertEquals(429, refused.status(), refused.toString());
        assertEquals("slow_down", refused.string("error"));
        assertTrue(refused.header("Content-Type").startsWith("application/json"));
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
    }

    @Test
    void oneClientCannotTakeMoreThanItsShareWhateverTheAddress() {
        Api.Response client = new OAuthClients(api(), adminToken()).service(List.of("reports:read"), List.of());
        Api.Response other = new OAuthClients(api(), adminToken()).service(List.of("reports:read"), List.of());
        for (int i = 0; i < 6; i++) {
            assertEquals(200, clientCredentials(someAddress(), client).status());
        }

        Api.Response refused = clientCredentials(someAddress(), client);

        assertEquals(429, refused.status(), refused.toString());
        assertEquals("slow_down", refused.string("error"));
        assertTrue(refused.string("error_description").contains("client"), refused.toString());
        assertEquals(200, clientCredentials(someAddress(), other).status(), "another client is not limited");
    }

    private String adminToken() {
        Api.Response login = from(someAddress(), "POST", "/auth/login", "application/json",
                Api.json("email", dev.authplatform.common.testing.PlatformTestProperties.ADMIN_EMAIL,
                        "password", dev.authplatform.common.testing.PlatformTestProperties.ADMIN_PASSWORD));
        assertEquals(200, login.status(), login.toString());
        return login.accessToken();
    }

    private Api.Response register(String address, String email) {
        return from(address, "POST", "/auth/register", "application/json",
                Api.json("email", email, "password", "correct-horse-1", "name", "Test User"));
    }

    private Api.Response clientCredentials(String address, Api.Response client) {
        String basic = Base64.getEncoder().encodeToString((client.string("clientId") + ":" + client.string("clientSecret"))
                .getBytes(StandardCharsets.UTF_8));
        return api().send("POST", "/oauth2/token", FORM, "grant_type=client_credentials", null,
                Map.of("X-Forwarded-For", address, "Authorization", "Basic " + basic));
    }

    private Api.Response from(String address, String method, String path, String contentType, String body) {
        return api().send(method, path, contentType, body, null, Map.of("X-Forwarded-For", address));
    }

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }
}
