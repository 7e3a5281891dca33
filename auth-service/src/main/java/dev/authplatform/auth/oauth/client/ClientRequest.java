package dev.authplatform.auth.oauth.client;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/clients} and {@code PUT /admin/clients/{clientId}}: a client's registration. Rules between
 * fields (a public client has no client_credentials, authorization_code needs a redirect URI, ...) are checked by
 * {@link ClientService}.
 *
 * @param clientId optional on create (one is generated); ignored on update. URL-safe, so it can stand in a path.
 * @param scopes   RFC 6749 section 3.3 scope tokens the client may ask for
 * @param roles    roles its service tokens carry (client_credentials only)
 * @param jwks     its public keys (a JWK Set) for {@code private_key_jwt}; a confidential client with keys gets no secret
 * @param backchannelLogoutUri where it is told that one of its sessions ended (OpenID Connect Back-Channel Logout 1.0)
 * @param backchannelLogoutSessionRequired whether it needs {@code sid} in the logout token (always sent)
 */
@Serdeable
public record ClientRequest(
        @Nullable @Pattern(regexp = "[A-Za-z0-9._~-]{3,100}", message = "must be 3 to 100 of A-Z a-z 0-9 . _ ~ -") String clientId,
        @NotBlank @Size(max = 100) @Nullable String name,
        @NotNull @Pattern(regexp = "confidential|public", message = "must be one of: confidential, public") @Nullable String type,
        @NotNull @Size(min = 1, max = 3) @Nullable List<@NotNull @Pattern(regexp = "authorization_code|refresh_token|client_credentials",
                message = "must be one of: authorization_code, refresh_token, client_credentials") String> grantTypes,
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 2000) String> redirectUris,
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 2000) String> postLogoutRedirectUris,
        @Nullable @Size(max = 50) List<@NotNull @Pattern(regexp = "[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}",
                message = "must be a scope token (RFC 6749 section 3.3)") String> scopes,
        @Nullable @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z][a-z0-9:_-]{0,49}",
                message = "must be lower case letters, digits, ':', '_' or '-'") String> roles,
        @Nullable Boolean firstParty,
        @Nullable Map<String, Object> jwks,
        @Nullable @Size(max = 2000) String backchannelLogoutUri,
        @Nullable Boolean backchannelLogoutSessionRequired) {

    public ClientRequest {
        name = name == null ? null : name.strip();
    }

    List<String> redirectUrisOrEmpty() {
        return redirectUris == null ? List.of() : List.copyOf(redirectUris);
    }

    List<String> postLogoutRedirectUrisOrEmpty() {
        return postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
    }

    List<String> scopesOrEmpty() {
        return scopes == null ? List.of() : scopes.stream().distinct().toList();
    }

    List<String> rolesOrEmpty() {
        return roles == null ? List.of() : roles.stream().distinct().toList();
    }
}
