package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.TestInfrastructure;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole platform as a user runs it: auth-service and resource-service as separate processes (their packaged
 * jars), on free ports, sharing one fresh database, one Redis and one revocation namespace.
 */
final class Platform implements AutoCloseable {

    final String databaseUrl;
    final String namespace;
    final String redisUri;
    final int authPort = PlatformTestProperties.freePort();
    final ServiceProcess auth;
    final ServiceProcess resource;
    private final String username;
    private final String password;
    /** Null: plain HTTP. Else both services serve HTTPS with this certificate, and resource-service trusts its CA. */
    private final DevelopmentTls tls;

    Platform() {
        this(TestInfrastructure.get().redisUri(), Map.of());
    }

    Platform(String redisUri, Map<String, String> extraEnvironment) {
        this(redisUri, extraEnvironment, null);
    }

    Platform(String redisUri, Map<String, String> extraEnvironment, DevelopmentTls tls) {
        this.tls = tls;
        TestInfrastructure infrastructure = TestInfrastructure.get();
        this.databaseUrl = infrastructure.newDatabase();
        this.namespace = infrastructure.newNamespace();
        this.redisUri = redisUri;
        this.username = infrastructure.username();
        this.password = infrastructure.password();
        this.auth = newAuthService(extraEnvironment, authPort);
        this.resource = newResourceService(extraEnvironment);
    }

    /** Starts both, auth-service first (resource-service would wait for its keys anyway). */
    Platform start() {
        auth.start();
        resource.start();
        return this;
    }

    /** An auth-service instance of this platform (same database, keys and issuer), not started. */
    ServiceProcess newAuthService(Map<String, String> extraEnvironment, int port) {
        Map<String, String> environment = new HashMap<>(sharedEnvironment());
        environment.put("DATASOURCES_DEFAULT_URL", databaseUrl);
        environment.put("DATASOURCES_DEFAULT_USERNAME", username);
        environment.put("DATASOURCES_DEFAULT_PASSWORD", password);
        environment.put("AUTH_BOOTSTRAP_ADMIN_EMAIL", PlatformTestProperties.ADMIN_EMAIL);
        environment.put("AUTH_BOOTSTRAP_ADMIN_PASSWORD", PlatformTestProperties.ADMIN_PASSWORD);
        // the drills drive the platform from one address far faster than people do; a test may turn the limits on
        environment.put("AUTH_LIMITS_ENABLED", "false");
        environment.putAll(extraEnvironment);
        return ServiceProcess.authService(environment, port, tls);
    }

    /** Another resource-service instance of this platform, not started. */
    ServiceProcess newResourceService(Map<String, String> extraEnvironment) {
        Map<String, String> environment = new HashMap<>(sharedEnvironment());
        environment.put("AUTH_JWKS_MIN_REFETCH_INTERVAL", "1s");
        // this platform's own last-known JWKS: never one an earlier test's issuer left on the same port
        environment.put("AUTH_JWKS_CACHE_FILE", Path.of("target", "jwks-cache", namespace + ".json").toAbsolutePath().toString());
        if (tls != null) {
            environment.put("AUTH_TLS_TRUSTED_CERTIFICATES", tls.ca().toString());
        }
        environment.putAll(extraEnvironment);
        return ServiceProcess.resourceService(environment, PlatformTestProperties.freePort(), tls);
    }

    Map<String, String> sharedEnvironment() {
        return Map.of("REDIS_URI", redisUri,
                "AUTH_ISSUER", issuer(),
                "AUTH_REVOCATION_NAMESPACE", namespace);
    }

    String issuer() {
        return (tls == null ? "http" : "https") + "://localhost:" + authPort;
    }

    Api authApi() {
        return auth.api();
    }

    Api resourceApi() {
        return resource.api();
    }

    String adminToken() {
        Api.Response login = authApi().login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        if (login.status() != 200) {
            throw new AssertionError("admin login failed: " + login);
        }
        return login.accessToken();
    }

    @Override
    public void close() {
        resource.stop();
        auth.stop();
    }
}
