package dev.authplatform.auth.mail;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail leaves off the request path: with an SMTP server that accepts connections and never answers, a registration
 * still answers at once (a send on the request path would wait out the 4 s timeout), and the message is delivered
 * by a later attempt once a working server answers there; every outcome is counted.
 */
@MicronautTest(transactional = false)
class MailDeliveryTest extends AuthServiceTest {

    private final Inbox inbox = Inbox.started();
    /** auth-service's SMTP address: stalls at first, then leads to the inbox. */
    private final StallingSmtpFront front = new StallingSmtpFront(PlatformTestProperties.freePort(), inbox.port());

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(inbox.properties());
        properties.put("auth.mail.port", Integer.toString(front.port()));
        properties.put("auth.mail.timeout", "4s");
        properties.put("auth.mail.retry-delay", "200ms");
        properties.put("auth.mail.max-attempts", "20");
        return properties;
    }

    @AfterAll
    void stopInbox() throws IOException {
        front.close();
        inbox.close();
    }

    @Test
    void aStalledSmtpServerDelaysTheMailNotTheRegistrationAndTheMessageArrivesLater() throws Exception {
        String email = Inbox.newAddress();
        long started = System.nanoTime();
        Api.Response registered = api().register(email, "correct-horse-1");
        long answeredMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(201, registered.status());
        assertTrue(answeredMillis < 3_000, "the registration waited for the SMTP server: " + answeredMillis + " ms");
        Poll.until(Duration.ofSeconds(15), "the stalled delivery to time out and be retried", () -> metric(metrics(), "retried") >= 1);
        assertTrue(inbox.messagesTo(email).isEmpty(), "nothing arrived while the server stalled");

        front.recover();

        Inbox.Received mail = inbox.awaitMessage(email);
        assertEquals("Confirm your email address", mail.subject());
        assertTrue(metric(metrics(), "sent") >= 1);
    }

    private String metrics() {
        return api().get("/metrics").body();
    }

    /** {@code authplatform_mail_total{kind="verify-email",outcome=...}}. */
    static double metric(String scrape, String outcome) {
        Matcher matcher = Pattern.compile("^authplatform_mail_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        double sum = 0;
        while (matcher.find()) {
            if (matcher.group(1).contains("kind=\"verify-email\"") && matcher.group(1).contains("outcome=\"" + outcome + "\"")) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }
}
