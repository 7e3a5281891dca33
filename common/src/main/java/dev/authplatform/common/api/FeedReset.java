package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

/** The data of a {@code reset} event: the stream cannot resume from where the consumer asked; take a new snapshot. */
@Serdeable
public record FeedReset(String reason) {
}
