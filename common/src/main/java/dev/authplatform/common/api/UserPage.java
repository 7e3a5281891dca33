package dev.authplatform.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One page of {@code GET /admin/users}, oldest account first. */
// an empty page still says "content": []
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record UserPage(List<User> content, int page, int size, long totalElements) {
}
