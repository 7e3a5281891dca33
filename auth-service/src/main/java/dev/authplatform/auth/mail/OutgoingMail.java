package dev.authplatform.auth.mail;

/**
 * One message to one recipient, in plain text and HTML. {@code kind} is a fixed word (verify-email, reset-password)
 * for metrics and logs, which never show the address.
 */
public record OutgoingMail(String kind, String to, String subject, String text, String html) {
}
