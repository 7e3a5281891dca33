package dev.authplatform.common.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server in the test's process (GreenMail) on a spare loopback port: auth-service delivers to it over SMTP,
 * and tests read what arrived, as a user reads an inbox.
 */
public final class Inbox implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+\\?token=[A-Za-z0-9_%-]+");

    private final int port;
    private GreenMail server;

    public Inbox() {
        this(PlatformTestProperties.freePort());
    }

    /** Not started: {@link #start()} it (or never, to test an SMTP server that is down). */
    private Inbox(int port) {
        this.port = port;
    }

    /** An address no account has yet. */
    public static String newAddress() {
        return "user-" + java.util.UUID.randomUUID() + "@platform.test";
    }

    public static Inbox started() {
        return new Inbox().start();
    }

    public Inbox start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return this;
    }

    /** Accepts mail only from a client that logs in with this user name and password (SMTP AUTH). */
    public Inbox requireLogin(String login, String password) {
        server.setUser("mailer@platform.test", login, password);
        return this;
    }

    /** The SMTP port, chosen before the server starts. */
    public int port() {
        return port;
    }

    /** What auth-service needs to send here. */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("auth.mail.host", "127.0.0.1");
        properties.put("auth.mail.port", Integer.toString(port));
        properties.put("auth.mail.from", "Auth Platform <no-reply@platform.test>");
        return properties;
    }

    /** One message as it arrived: headers, both alternatives, and the link in it. */
    public record Received(MimeMessage message, String subject, List<String> to, String text, String html) {

        /** The one link the message carries (the same in the text and the HTML part). */
        public URI link() {
            Matcher matcher = LINK.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no link in: " + text);
            }
            return URI.create(matcher.group());
        }

        /** The token of the link. */
        public String token() {
            String query = link().getRawQuery();
            return java.net.URLDecoder.decode(query.substring(query.indexOf("token=") + 6), java.nio.charset.StandardCharsets.UTF_8);
        }

        public String[] header(String name) {
            try {
                return message.getHeader(name);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every message received so far for this address, oldest first. */
    public List<Received> messagesTo(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> recipients(m).stream().anyMatch(address::equalsIgnoreCase))
                .map(Inbox::read).toList();
    }

    /** Waits for the {@code n}th message (1-based) to this address. */
    public Received awaitMessage(String address, int n) {
        Poll.until(Duration.ofSeconds(10), () -> "message " + n + " to " + address + " (have " + messagesTo(address).size() + ")",
                () -> messagesTo(address).size() >= n);
        return messagesTo(address).get(n - 1);
    }

    /** Waits for the first message to this address. */
    public Received awaitMessage(String address) {
        return awaitMessage(address, 1);
    }

    public int count() {
        return server.getReceivedMessages().length;
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Received read(MimeMessage message) {
        try {
            String text = null;
            String html = null;
            Multipart parts = (Multipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            return new Received(message, message.getSubject(), recipients(message), text, html);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
