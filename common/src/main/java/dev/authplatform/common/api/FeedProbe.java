package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The data of a {@code probe} event: every announcement of {@code generation} numbered up to {@code seq} has been sent
 * on this stream before it. Sent about once a second, so that silence means a dead stream, not a quiet one.
 */
@Serdeable
public record FeedProbe(String generation, long seq) {
}
