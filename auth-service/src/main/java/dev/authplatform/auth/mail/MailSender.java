package dev.authplatform.auth.mail;

/** The outbound mail port: delivers one message now, or throws. {@link SmtpMailSender} is the implementation. */
public interface MailSender {

    void send(OutgoingMail mail) throws MailDeliveryException;

    /** Delivery failed; {@code permanent} when trying again cannot help (the address or the message is refused). */
    final class MailDeliveryException extends Exception {
        private final boolean permanent;

        public MailDeliveryException(String message, boolean permanent, Throwable cause) {
            super(message, cause);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
