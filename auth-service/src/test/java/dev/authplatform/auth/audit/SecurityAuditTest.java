package dev.authplatform.auth.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security events reach the audit log, and no password, token or email address does. */
@MicronautTest(transactional = false)
class SecurityAuditTest extends AuthServiceTest {

    private final Logger audit = (Logger) LoggerFactory.getLogger("audit");
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @BeforeEach
    void capture() {
        captured.start();
        audit.addAppender(captured);
        audit.setLevel(Level.INFO);
    }

    @AfterEach
    void release() {
        audit.detachAppender(captured);
    }

    @Test
    void loginsLogoutsAndFailuresAreAuditedWithoutSecrets() {
        String email = "audited-" + UUID.randomUUID() + "@platform.test";
        Api.Response registered = api().register(email, "correct-horse-1");
        api().login(email, "wrong-horse-1");
        Api.Response login = api().login(email, "correct-horse-1");
        api().post("/auth/logout", null, login.accessToken());

        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

        String user = registered.userId();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=register outcome=success actor=" + user)), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=login outcome=failure subject=" + user) && l.contains(" account=")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=login outcome=success actor=" + user)), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("event=session-end outcome=success subject=" + user)
                && l.endsWith("reason=logout")), lines.toString());
        for (String line : lines) {
            assertFalse(line.contains(email), "no email address: " + line);
            assertFalse(line.contains("horse"), "no password: " + line);
            assertFalse(line.contains(login.accessToken()) || line.contains(login.refreshToken()), "no token: " + line);
        }
    }
}
