package dev.authplatform.auth.mail;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The outbox gives a message up after its attempts, counts it, and notes it in its row: here every attempt fails the
 * same way, the server not offering the STARTTLS this service requires.
 */
@MicronautTest(transactional = false)
class MailOutboxTest extends AuthServiceTest {

    private final Inbox inbox = Inbox.started(); // GreenMail's plain SMTP offers no STARTTLS

    @Value("${datasources.default.url}")
    String databaseUrl;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(inbox.properties());
        properties.put("auth.mail.start-tls", "true");
        properties.put("auth.mail.max-attempts", "2");
        properties.put("auth.mail.retry-delay", "50ms");
        return properties;
    }

    @AfterAll
    void stopInbox() {
        inbox.close();
    }

    @Test
    void aMessageIsGivenUpAfterItsAttemptsCountedAndNoted() throws Exception {
        String email = Inbox.newAddress();
        api().register(email, "correct-horse-1");

        Poll.until(Duration.ofSeconds(10), "the message to be given up", () -> MailDeliveryTest.metric(metrics(), "failed") == 1);
        assertEquals(1, MailDeliveryTest.metric(metrics(), "retried"));
        assertEquals("failed 2", outboxRow());
        assertEquals(0, inbox.count());
    }

    private String metrics() {
        return api().get("/metrics").body();
    }

    /** "outcome attempts" of the only message in the outbox. */
    private String outboxRow() throws Exception {
        try (Connection db = DriverManager.getConnection(databaseUrl, TestInfrastructure.get().username(), TestInfrastructure.get().password());
             PreparedStatement query = db.prepareStatement("SELECT outcome, attempts FROM mail_outbox");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getString(1) + " " + row.getInt(2);
        }
    }
}
