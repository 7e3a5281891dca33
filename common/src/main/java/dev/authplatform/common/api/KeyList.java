package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Every key auth-service holds, newest first: {@code GET /admin/keys}. */
@Serdeable
public record KeyList(List<KeyStatus> keys) {
}
