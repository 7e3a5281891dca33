package dev.authplatform.auth.web;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Turning off the bearer header, the only place the platform reads a token from, stops the start with the reason. */
class BearerSettingTest {

    @Test
    void aServiceWithTheBearerHeaderTurnedOffRefusesToStartAndSaysWhy() {
        Map<String, Object> properties = new HashMap<>(PlatformTestProperties.authService());
        properties.put("micronaut.security.token.bearer.enabled", "false");
        RuntimeException refused = assertThrows(io.micronaut.context.exceptions.BeanInstantiationException.class, () -> {
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
                // without the check it started, then answered every request, health checks included, with a 500
                throw new AssertionError("started on " + server.getURL() + "; /health answered "
                        + new Api(server.getURL().toString()).get("/health").status());
            }
        });
        assertTrue(messages(refused).contains("micronaut.security.token.bearer.enabled must not be false"), messages(refused));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append('\n');
        }
        return all.toString();
    }
}
