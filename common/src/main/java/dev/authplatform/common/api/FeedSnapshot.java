package dev.authplatform.common.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /revocation/snapshot}: every revocation that still covers an unexpired token, current at least to
 * announcement {@code seq} of {@code generation}. A consumer resumes the event stream from {@code <generation>:<seq>}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty list is still written: "entries": []
public record FeedSnapshot(String generation, long seq, List<FeedEntry> entries) {

    public FeedSnapshot(String generation, long seq, @Nullable List<FeedEntry> entries) {
        this.generation = generation;
        this.seq = seq;
        this.entries = entries == null ? List.of() : entries;
    }
}
