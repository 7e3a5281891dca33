package dev.authplatform.auth.oauth.discovery;

import dev.authplatform.auth.key.KeySettings;
import dev.authplatform.common.verify.VerifierSettings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Authorization server metadata (RFC 8414), at its own well-known path and at OpenID Connect Discovery's. It names
 * only what is implemented and speaks the standard it names: the authorization, token, revocation and introspection
 * endpoints, the grants and client authentication methods they accept, and the key set. Fields for what is not built
 * yet are left out rather than promised. {@code scopes_supported} names only {@code openid}:
 * other scopes belong to the APIs, and each client is registered with its own.
 */
@Controller("/.well-known")
@Secured(SecurityRule.IS_ANONYMOUS)
class DiscoveryController {

    /** RFC 7523 assertions are verified with the client's key, in any of these algorithms it registered keys for. */
    private static final List<String> ASSERTION_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");
    private static final List<String> CLIENT_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post", "private_key_jwt");
    /** Public clients ("none") use the token endpoint with PKCE, for the code and refresh grants only. */
    private static final List<String> TOKEN_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none");

    private final Map<String, Object> metadata;
    private final String cacheControl;

    DiscoveryController(VerifierSettings issuer, KeySettings keys) {
        String base = issuer.issuerBase();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer.issuer());
        m.put("authorization_endpoint", base + "/oauth2/authorize");
        m.put("token_endpoint", base + "/oauth2/token");
        m.put("jwks_uri", base + "/.well-known/jwks.json");
        m.put("revocation_endpoint", base + "/oauth2/revoke");
        m.put("introspection_endpoint", base + "/oauth2/introspect");
        m.put("userinfo_endpoint", base + "/oauth2/userinfo");
        m.put("end_session_endpoint", base + "/oauth2/logout");
        m.put("backchannel_logout_supported", true);
        m.put("backchannel_logout_session_supported", true);
        // not registered metadata (RFC 8414 section 2 allows more): where verifiers follow revocations over HTTP
        m.put("revocation_snapshot_endpoint", base + "/revocation/snapshot");
        m.put("revocation_events_endpoint", base + "/revocation/events");
        m.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("authorization_response_iss_parameter_supported", true);
        m.put("token_endpoint_auth_methods_supported", TOKEN_AUTH_METHODS);
        m.put("token_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
        m.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
        m.put("revocation_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
        m.put("introspection_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
        m.put("introspection_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGORITHMS);
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of(keys.algorithm()));
        m.put("scopes_supported", List.of("openid"));
        m.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "auth_time", "amr", "nonce", "sid", "at_hash", "email", "email_verified", "name"));
        this.metadata = Collections.unmodifiableMap(m); // in the order written, for people reading it
        this.cacheControl = "public, max-age=" + keys.jwksMaxAge().toSeconds();
    }

    @Get(value = "/oauth-authorization-server", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> authorizationServer() {
        return HttpResponse.ok(metadata).header("Cache-Control", cacheControl);
    }

    @Get(value = "/openid-configuration", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> openidConfiguration() {
        return HttpResponse.ok(metadata).header("Cache-Control", cacheControl);
    }
}
