package dev.authplatform.auth.support;

import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.authplatform.common.testing.Api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers clients through the admin API and sends OAuth requests with the Nimbus SDK, as a client library would. */
public final class OAuthClients {

    private final Api api;
    private final String adminToken;

    public OAuthClients(Api api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    /** A confidential client_credentials client allowed these scopes and roles; the answer holds its clientSecret. */
    public Api.Response service(List<String> scopes, List<String> roles) {
        return create(Map.of("type", "confidential", "grantTypes", List.of("client_credentials"), "scopes", scopes, "roles", roles));
    }

    /** Creates a client from these fields (a unique id and a name are added); fails the test unless it is 201. */
    public Api.Response create(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", "test-" + UUID.randomUUID().toString().substring(0, 12));
        body.put("name", "Test client");
        body.putAll(fields);
        Api.Response created = api.post("/admin/clients", Api.json(body.entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray()), adminToken);
        if (created.status() != 201) {
            throw new AssertionError("client registration failed: " + created);
        }
        return created;
    }

    public Api.Response admin(String method, String path) {
        return api.send(method, path, null, null, adminToken);
    }

    public URI endpoint(String path) {
        return URI.create(api.base() + path);
    }

    /** Sends a token request and parses the answer as the SDK would: success or RFC 6749 error. */
    public static TokenResponse send(TokenRequest request) {
        try {
            return TokenResponse.parse(raw(request));
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not an RFC 6749 token response", e);
        }
    }

    public static HTTPResponse raw(TokenRequest request) {
        try {
            return request.toHTTPRequest().send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TokenErrorResponse error(TokenRequest request) {
        TokenResponse response = send(request);
        if (response.indicatesSuccess()) {
            throw new AssertionError("expected an error, got tokens");
        }
        return response.toErrorResponse();
    }
}
