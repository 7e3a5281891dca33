package dev.authplatform.auth.key;

import dev.authplatform.common.verify.VerifierSettings;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public key set (RFC 7517) and the discovery document (RFC 8414) that verifiers start from. */
@Controller("/.well-known")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class WellKnownController {

    private final KeyStore keys;
    private final KeySettings keySettings;
    private final VerifierSettings issuer;

    WellKnownController(KeyStore keys, KeySettings keySettings, VerifierSettings issuer) {
        this.keys = keys;
        this.keySettings = keySettings;
        this.issuer = issuer;
    }

    /** Public keys only (toJSONObject(true) drops private parts), each with kid, alg and use. */
    @Get(value = "/jwks.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> jwks() {
        String body = keys.publicKeySet().toString(true);
        return HttpResponse.ok(body).header("Cache-Control", "public, max-age=" + keySettings.jwksMaxAge().toSeconds());
    }

    @Get(value = "/openid-configuration", produces = MediaType.APPLICATION_JSON)
    HttpResponse<Map<String, Object>> discovery() {
        String base = issuer.issuerBase();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer.issuer());
        metadata.put("jwks_uri", base + "/.well-known/jwks.json");
        metadata.put("token_endpoint", base + "/auth/login");
        metadata.put("registration_endpoint", base + "/auth/register");
        metadata.put("revocation_endpoint", base + "/auth/logout");
        metadata.put("userinfo_endpoint", base + "/auth/me");
        metadata.put("grant_types_supported", List.of("password", "refresh_token"));
        metadata.put("response_types_supported", List.of("token"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("id_token_signing_alg_values_supported", List.of(keys.current().algorithm().getName()));
        metadata.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "sid", "roles", "email"));
        return HttpResponse.ok(metadata).header("Cache-Control", "public, max-age=" + keySettings.jwksMaxAge().toSeconds());
    }
}
