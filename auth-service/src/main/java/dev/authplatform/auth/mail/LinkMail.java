package dev.authplatform.auth.mail;

import dev.authplatform.auth.account.AccountTokens;
import dev.authplatform.auth.account.UserRow;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Emails a user a link to one of the hosted account pages: the template of its kind, the link, how long it works. The
 * message is written to the outbox and sent from there ({@link MailOutbox}); its link is made when it is sent.
 */
@Singleton
public class LinkMail {

    private final MailOutbox outbox;

    LinkMail(MailOutbox outbox) {
        this.outbox = outbox;
    }

    /** Queues the message; returns at once. */
    public void send(String kind, UserRow user, String page, AccountTokens.Purpose purpose, Duration validFor) {
        outbox.enqueue(kind, user.id(), page, purpose, validFor);
    }
}
