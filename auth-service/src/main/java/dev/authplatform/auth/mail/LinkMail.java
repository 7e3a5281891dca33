package dev.authplatform.auth.mail;

import dev.authplatform.auth.account.UserRow;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Emails a user a link to one of the hosted account pages: the template of its kind, the link, how long it works.
 * Links point at auth-service's public URL ({@code auth.issuer}).
 */
@Singleton
public class LinkMail {

    private final MailOutbox outbox;
    private final MailTemplates templates;
    private final String base;

    LinkMail(MailOutbox outbox, MailTemplates templates, VerifierSettings settings) {
        this.outbox = outbox;
        this.templates = templates;
        String issuer = settings.issuer();
        this.base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** Queues the message; returns at once (see {@link MailOutbox}). */
    public void send(String kind, UserRow user, String page, String token, Duration validFor) {
        outbox.enqueue(templates.render(kind, user.email(), Map.of("name", user.name(), "link", link(page, token),
                "validFor", inWords(validFor))));
    }

    /** {@code <issuer><page>?token=<token>}. */
    String link(String page, String token) {
        return base + page + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** "24 hours", "15 minutes": how long a link works, in words. */
    static String inWords(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
