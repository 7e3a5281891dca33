package dev.authplatform.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** A page of {@code GET /admin/audit}, shaped like {@link UserPage}. */
// an empty page still says "content": []
@JsonInclude(JsonInclude.Include.ALWAYS)
@Serdeable
public record AuditPage(List<AuditEvent> content, int page, int size, long totalElements) {
}
