package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of {@code GET /admin/users}, oldest account first. */
@Serdeable
public record UserPage(List<User> content, int page, int size, long totalElements) {
}
