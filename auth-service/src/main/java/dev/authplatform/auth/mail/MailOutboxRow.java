package dev.authplatform.auth.mail;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code mail_outbox}: a link to email a user, described, never made yet.
 *
 * @param purpose    the account token's purpose ({@code AccountTokens.Purpose} by value)
 * @param page       the hosted page the link opens
 * @param validForMs how long the link works once made
 */
@MappedEntity("mail_outbox")
public record MailOutboxRow(@Id UUID id,
                            String kind,
                            UUID userId,
                            String purpose,
                            String page,
                            long validForMs,
                            Instant queuedAt,
                            int attempts,
                            Instant nextAttemptAt,
                            @Nullable Instant finishedAt,
                            @Nullable String outcome) {
}
