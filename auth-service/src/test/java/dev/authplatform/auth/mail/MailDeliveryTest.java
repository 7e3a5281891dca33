package dev.authplatform.auth.mail;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Inbox;
import dev.authplatform.common.testing.Api;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail leaves off the request path: with the SMTP server down a registration still answers at once, and the message
 * is delivered by a later attempt once the server is up; every outcome is counted.
 */
@MicronautTest(transactional = false)
class MailDeliveryTest extends AuthServiceTest {

    private final Inbox inbox = new Inbox(); // not started: the SMTP server is down at first

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(inbox.properties());
        properties.put("auth.mail.retry-delay", "200ms");
        properties.put("auth.mail.max-attempts", "20");
        return properties;
    }

    @AfterAll
    void stopInbox() {
        inbox.close();
    }

    @Test
    void aMessageWaitsForTheSmtpServerAndIsDeliveredWhenItComesUp() {
        String email = Inbox.newAddress();
        long started = System.nanoTime();
        Api.Response registered = api().register(email, "correct-horse-1");
        long answeredMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(201, registered.status());
        assertTrue(answeredMillis < 5_000, "the registration did not wait for the mail: " + answeredMillis + " ms");

        Poll.untilRetried(this::metrics);
        inbox.start();

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

    private static final class Poll {
        /** Until the outbox has failed at least once and scheduled another attempt. */
        static void untilRetried(java.util.function.Supplier<String> scrape) {
            dev.authplatform.common.testing.Poll.until(java.time.Duration.ofSeconds(10), "a failed delivery to be retried",
                    () -> metric(scrape.get(), "retried") >= 1);
        }
    }
}
