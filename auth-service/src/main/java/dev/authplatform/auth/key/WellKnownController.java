package dev.authplatform.auth.key;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;


/** The public key set (RFC 7517) that verifiers check signatures with; discovery is in {@code oauth/discovery}. */
@Controller("/.well-known")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class WellKnownController {

    private final KeyStore keys;
    private final KeySettings keySettings;

    WellKnownController(KeyStore keys, KeySettings keySettings) {
        this.keys = keys;
        this.keySettings = keySettings;
    }

    /** Public keys only (toJSONObject(true) drops private parts), each with kid, alg and use. */
    @Get(value = "/jwks.json", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> jwks() {
        String body = keys.publicKeySet().toString(true);
        return HttpResponse.ok(body).header("Cache-Control", "public, max-age=" + keySettings.jwksMaxAge().toSeconds());
    }
}
