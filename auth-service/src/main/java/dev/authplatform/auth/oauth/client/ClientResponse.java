package dev.authplatform.auth.oauth.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered client as the admin API shows it. {@code clientSecret} appears only in the answer that created it
 * (create, rotate, or an update that gave a confidential client its first secret); it is never stored in clear.
 *
 * @param tokenEndpointAuthMethods how it may authenticate at the token endpoint (RFC 7591 names)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientResponse(String clientId,
                             String name,
                             String type,
                             List<String> grantTypes,
                             List<String> redirectUris,
                             List<String> postLogoutRedirectUris,
                             List<String> scopes,
                             List<String> roles,
                             boolean firstParty,
                             @Nullable Map<String, Object> jwks,
                             List<String> tokenEndpointAuthMethods,
                             boolean enabled,
                             Instant createdAt,
                             Instant updatedAt,
                             @Nullable String backchannelLogoutUri,
                             boolean backchannelLogoutSessionRequired,
                             @Nullable String clientSecret) {
}
