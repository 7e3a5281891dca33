package dev.authplatform.auth.mail;

import dev.authplatform.auth.account.UserRow;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/** Emails a user a link to one of the hosted account pages: the template of its kind, the link, how long it works. */
@Singleton
public class LinkMail {

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final EmailedLinks links;

    LinkMail(MailOutbox outbox, MailTemplates templates, EmailedLinks links) {
        this.outbox = outbox;
        this.templates = templates;
        this.links = links;
    }

    /** Queues the message; returns at once (see {@link MailOutbox}). */
    public void send(String kind, UserRow user, String page, String token, Duration validFor) {
        outbox.enqueue(templates.render(kind, user.email(), Map.of("name", user.name(), "link", links.to(page, token),
                "validFor", EmailedLinks.inWords(validFor))));
    }
}
