package dev.authplatform.auth.support;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

/**
 * Base of auth-service's integration tests: the real HTTP server on a free port, its own PostgreSQL database and
 * Redis namespace (see {@code TestInfrastructure}), and an {@link Api} client that talks to it over loopback.
 * Subclasses add {@code @MicronautTest(transactional = false)} and may add settings in {@link #extraProperties()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AuthServiceTest implements TestPropertyProvider {

    @Inject
    protected EmbeddedServer server;

    private Api api;

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> properties = PlatformTestProperties.authService();
        properties.putAll(extraProperties());
        return properties;
    }

    protected Map<String, String> extraProperties() {
        return Map.of();
    }

    /** The client, once the service reports UP (its revocation view is current). */
    protected Api api() {
        if (api == null) {
            Api client = new Api(server.getURL().toString());
            Poll.until(Duration.ofSeconds(10), "auth-service to report UP", () -> client.get("/health").status() == 200);
            api = client;
        }
        return api;
    }

    protected Api.Response loginAsAdmin() {
        Api.Response response = api().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        if (response.status() != 200) {
            throw new AssertionError("admin login failed: " + response);
        }
        return response;
    }
}
