package dev.authplatform.auth.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request ids: a trusted proxy's {@code X-Request-Id} (here loopback, {@code auth.request-id.trusted-proxies}) is
 * kept, one that could forge a log line is replaced, and the id is in the MDC of the request's log lines, written
 * on the blocking threads that served it.
 */
@MicronautTest(transactional = false)
class RequestIdTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("auth.request-id.trusted-proxies", "10.0.0.0/8,127.0.0.0/8");
    }

    @Test
    void aTrustedProxysIdIsKeptAndLogged() {
        Logger audit = (Logger) LoggerFactory.getLogger("audit");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        audit.addAppender(captured);
        audit.setLevel(Level.INFO); // the tests' logback config keeps the audit logger quiet
        try {
            String id = "edge-" + UUID.randomUUID();
            Api.Response response = api().send("POST", "/auth/login", "application/json",
                    Api.json("email", "nobody-" + UUID.randomUUID() + "@platform.test", "password", "wrong-horse-1"), null,
                    Map.of("X-Request-Id", id));

            assertEquals(401, response.status());
            assertEquals(id, response.header("X-Request-Id"));
            List<ILoggingEvent> lines = captured.list.stream().filter(e -> e.getFormattedMessage().startsWith("event=login")).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(id, lines.getFirst().getMDCPropertyMap().get("requestId"));
        } finally {
            audit.detachAppender(captured);
        }
    }

    @Test
    void anIdThatCouldForgeALogLineIsReplaced() {
        Api.Response response = api().send("GET", "/health/liveness", null, null, null, Map.of("X-Request-Id", "a b\tc=\"d\""));
        assertEquals(200, response.status());
        assertNotEquals("a b\tc=\"d\"", response.header("X-Request-Id"));
        assertTrue(response.header("X-Request-Id").matches("[0-9a-f-]{36}"), response.header("X-Request-Id"));
    }

    @Test
    void everyAnswerCarriesAnIdOfItsOwnIncludingTheSecurityFiltersRefusals() {
        List<Api.Response> answers = List.of(api().get("/health/liveness"), api().get("/auth/me"), api().get("/auth/me", "not-a-token"),
                api().get("/no/such/path"), api().post("/auth/login", "{}"));

        assertEquals(List.of(200, 401, 401, 404, 400), answers.stream().map(Api.Response::status).toList());
        List<String> ids = answers.stream().map(answer -> answer.header("X-Request-Id")).toList();
        ids.forEach(id -> assertTrue(id != null && id.matches("[0-9a-f-]{36}"), String.valueOf(id)));
        assertEquals(ids.size(), ids.stream().distinct().count(), ids.toString());
    }
}
