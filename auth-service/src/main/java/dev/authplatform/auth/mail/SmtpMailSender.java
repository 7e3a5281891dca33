package dev.authplatform.auth.mail;

import jakarta.inject.Singleton;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * SMTP through Jakarta Mail (Eclipse Angus). Addresses are parsed strictly, so a value with a line break or a second
 * address never becomes a header of its own; the subject is encoded by the library, never written raw.
 */
@Singleton
public class SmtpMailSender implements MailSender {

    private final Session session;
    private final InternetAddress from;
    private final MailSettings settings;

    SmtpMailSender(MailSettings settings) throws AddressException {
        this.settings = settings;
        this.from = new InternetAddress(settings.from(), true);
        Properties properties = new Properties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", Integer.toString(settings.port()));
        String timeout = Long.toString(settings.timeout().toMillis());
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        if (settings.startTls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        boolean authenticate = settings.username() != null && !settings.username().isBlank();
        properties.put("mail.smtp.auth", Boolean.toString(authenticate));
        this.session = Session.getInstance(properties);
    }

    @Override
    public void send(OutgoingMail mail) throws MailDeliveryException {
        MimeMessage message;
        try {
            message = compose(mail);
        } catch (MessagingException e) {
            throw new MailDeliveryException("the message could not be composed: " + e.getClass().getSimpleName(), true, e);
        }
        try {
            if (settings.username() != null && !settings.username().isBlank()) {
                Transport.send(message, settings.username(), settings.password() == null ? "" : settings.password());
            } else {
                Transport.send(message);
            }
        } catch (SendFailedException e) {
            // a 5xx refusal of the recipient or the message would come again; a 4xx one is worth another try
            throw new MailDeliveryException("the SMTP server refused the message (" + replyCode(e) + ")", replyCode(e) >= 500, e);
        } catch (MessagingException e) {
            throw new MailDeliveryException("the SMTP server could not be reached or failed: " + e.getClass().getSimpleName(), false, e);
        }
    }

    private static int replyCode(MessagingException e) {
        for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException() : null) {
            if (cause instanceof SMTPSendFailedException sent) {
                return sent.getReturnCode();
            }
            if (cause instanceof SMTPAddressFailedException address) {
                return address.getReturnCode();
            }
        }
        return 0;
    }

    private MimeMessage compose(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, single(mail.to()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternatives = new MimeMultipart("alternative"); // the reader shows the last part it can: HTML
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.saveChanges();
        return message;
    }

    /** Exactly one address, parsed strictly: no display name tricks, no list, no line break. */
    static InternetAddress single(String address) throws AddressException {
        if (address == null || address.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new AddressException("control characters in an address");
        }
        InternetAddress[] parsed = InternetAddress.parse(address, true);
        if (parsed.length != 1 || parsed[0].getPersonal() != null) {
            throw new AddressException("not exactly one plain address");
        }
        parsed[0].validate();
        return parsed[0];
    }
}
