package dev.authplatform.common.api;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Ten single-use recovery codes, shown once: each signs in once in place of a code from the app. */
@Serdeable
public record RecoveryCodes(List<String> recoveryCodes) {
}
