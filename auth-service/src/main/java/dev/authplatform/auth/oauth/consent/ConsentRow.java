package dev.authplatform.auth.oauth.consent;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code consents}: the scopes a user agreed one client may have. */
@MappedEntity("consents")
public record ConsentRow(@Id UUID userId, String clientId, String scopes, Instant grantedAt) {

    public List<String> scopeList() {
        return scopes.isBlank() ? List.of() : List.of(scopes.split(" "));
    }
}
