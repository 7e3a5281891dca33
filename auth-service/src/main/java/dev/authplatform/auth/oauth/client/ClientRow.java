package dev.authplatform.auth.oauth.client;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A row of {@code oauth_clients}: one registered client (RFC 6749 section 2). Lists are newline-separated.
 *
 * @param backchannelLogoutUri where the client hears that one of its sessions ended (OpenID Connect Back-Channel Logout)
 */
@MappedEntity("oauth_clients")
public record ClientRow(@Id String clientId,
                        String name,
                        String type,
                        @Nullable String secretHash,
                        String grantTypes,
                        String redirectUris,
                        String postLogoutRedirectUris,
                        String scopes,
                        String roles,
                        boolean firstParty,
                        @Nullable String jwks,
                        boolean enabled,
                        Instant createdAt,
                        Instant updatedAt,
                        @Nullable Instant tokensNotBefore,
                        @Nullable Instant deletedAt,
                        @Nullable String backchannelLogoutUri,
                        boolean backchannelLogoutSessionRequired) {

    public static final String CONFIDENTIAL = "confidential";
    public static final String PUBLIC = "public";

    public boolean isPublic() {
        return PUBLIC.equals(type);
    }

    public List<String> grantTypeList() {
        return split(grantTypes);
    }

    public List<String> redirectUriList() {
        return split(redirectUris);
    }

    public List<String> postLogoutRedirectUriList() {
        return split(postLogoutRedirectUris);
    }

    public List<String> scopeList() {
        return split(scopes);
    }

    public List<String> roleList() {
        return split(roles);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypeList().contains(grantType);
    }

    static String join(List<String> values) {
        return String.join("\n", values);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\n"));
    }
}
