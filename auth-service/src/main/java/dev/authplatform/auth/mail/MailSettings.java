package dev.authplatform.auth.mail;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Outbound email ({@code auth.mail.*}): the SMTP server, who the messages are from, and the outbox they wait in.
 *
 * @param host          the SMTP server (Mailpit in development: localhost:1025)
 * @param port          its port (587 for submission with STARTTLS, 465 is not supported: use STARTTLS)
 * @param startTls      require STARTTLS before anything else is sent; a server that does not offer it is refused
 * @param username      SMTP AUTH user; empty: no authentication
 * @param password      SMTP AUTH password
 * @param from          the sender, an RFC 5322 address ({@code Auth Platform <no-reply@example.com>})
 * @param timeout       connect, read and write timeout of one delivery attempt
 * @param queueCapacity messages that may wait in the outbox; beyond that a new one is dropped (and counted), never the
 *                      request held
 * @param maxAttempts   deliveries tried per message before it is given up (and counted)
 * @param retryDelay    the wait before the second attempt; it doubles with each further one
 */
@ConfigurationProperties("auth.mail")
public record MailSettings(@Bindable(defaultValue = "localhost") String host,
                           @Bindable(defaultValue = "1025") int port,
                           @Bindable(defaultValue = "false") boolean startTls,
                           @Nullable String username,
                           @Nullable String password,
                           @Bindable(defaultValue = "Auth Platform <no-reply@localhost>") String from,
                           @Bindable(defaultValue = "10s") Duration timeout,
                           @Bindable(defaultValue = "1000") int queueCapacity,
                           @Bindable(defaultValue = "5") int maxAttempts,
                           @Bindable(defaultValue = "2s") Duration retryDelay) {
}
