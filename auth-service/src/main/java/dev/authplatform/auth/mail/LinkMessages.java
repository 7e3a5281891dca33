package dev.authplatform.auth.mail;

import dev.authplatform.auth.account.AccountTokens;
import dev.authplatform.auth.account.UserRepository;
import dev.authplatform.auth.account.UserRow;
import dev.authplatform.common.verify.VerifierSettings;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the message of an outbox row when it is sent: issues the account token then (so none rests in the outbox),
 * puts it in a link to the hosted page on auth-service's public URL ({@code auth.issuer}), and renders the template of
 * its kind for the account's current address.
 */
@Singleton
class LinkMessages {

    private final UserRepository users;
    private final AccountTokens tokens;
    private final MailTemplates templates;
    private final String base;

    LinkMessages(UserRepository users, AccountTokens tokens, MailTemplates templates, VerifierSettings settings) {
        this.users = users;
        this.tokens = tokens;
        this.templates = templates;
        String issuer = settings.issuer();
        this.base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    /** The message, its link made now (older links of its purpose stop working); empty when the account is gone or disabled. */
    Optional<OutgoingMail> compose(MailOutboxRow row) {
        Optional<UserRow> user = users.findById(row.userId()).filter(UserRow::enabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Duration validFor = Duration.ofMillis(row.validForMs());
        String token = tokens.issue(user.get(), AccountTokens.Purpose.of(row.purpose()), validFor);
        return Optional.of(templates.render(row.kind(), user.get().email(), Map.of("name", user.get().name(),
                "link", link(row.page(), token), "validFor", inWords(validFor))));
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
