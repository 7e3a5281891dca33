package dev.authplatform.auth.mail;

import dev.authplatform.common.testing.Inbox;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMTP sender against a real SMTP server (GreenMail): it logs in with the configured credentials, refuses to send
 * in the clear when STARTTLS is required and the server does not offer it, and never lets an address smuggle a header.
 */
class SmtpSettingsTest {

    private static final OutgoingMail MAIL = new OutgoingMail("verify-email", "someone@platform.test", "Subject", "text\n", "<p>html</p>");

    @Test
    void itLogsInWithTheConfiguredCredentials() throws Exception {
        try (Inbox inbox = Inbox.started().requireLogin("mailer", "s3cret")) {
            sender(inbox, false, "mailer", "s3cret").send(MAIL);
            assertEquals("Subject", inbox.awaitMessage("someone@platform.test").subject());

            MailSender.MailDeliveryException refused = assertThrows(MailSender.MailDeliveryException.class,
                    () -> sender(inbox, false, "mailer", "wrong").send(MAIL));
            assertFalse(refused.getMessage().contains("wrong"), "the password is never in a message");
            assertEquals(1, inbox.count());
        }
    }

    @Test
    void withStartTlsRequiredNothingIsSentInTheClear() throws Exception {
        try (Inbox inbox = Inbox.started()) { // GreenMail's plain SMTP offers no STARTTLS
            MailSender.MailDeliveryException refused = assertThrows(MailSender.MailDeliveryException.class,
                    () -> sender(inbox, true, null, null).send(MAIL));
            assertFalse(refused.permanent(), "a server that may offer it later is tried again");
            assertEquals(0, inbox.count());
        }
    }

    @Test
    void anAddressWithALineBreakOrASecondRecipientIsRefusedBeforeAnythingIsSent() throws Exception {
        try (Inbox inbox = Inbox.started()) {
            SmtpMailSender sender = sender(inbox, false, null, null);
            for (String to : new String[]{"a@platform.test\r\nBcc: b@platform.test", "a@platform.test, b@platform.test",
                    "Someone <a@platform.test>"}) {
                MailSender.MailDeliveryException refused = assertThrows(MailSender.MailDeliveryException.class,
                        () -> sender.send(new OutgoingMail("verify-email", to, "Subject", "text", "html")));
                assertTrue(refused.permanent(), to);
            }
            assertEquals(0, inbox.count());
        }
    }

    private static SmtpMailSender sender(Inbox inbox, boolean startTls, String username, String password) throws Exception {
        return new SmtpMailSender(settings(inbox, startTls, username, password));
    }

    private static MailSettings settings(Inbox inbox, boolean startTls, String username, String password) {
        Map<String, String> properties = inbox.properties();
        return new MailSettings(properties.get("auth.mail.host"), Integer.parseInt(properties.get("auth.mail.port")), startTls,
                username, password, "Auth Platform <no-reply@platform.test>", Duration.ofSeconds(5), 10, 1, Duration.ofMillis(50));
    }
}
