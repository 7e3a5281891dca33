package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TestInfrastructure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Two auth-service and two resource-service processes behind HAProxy ({@link LoadBalancer}), sharing one database,
 * one Redis and one public issuer URL (the balancer's): the platform as it runs scaled out.
 */
final class TwoOfEach implements AutoCloseable {

    final Platform platform;
    /** auth-service 1 and 2, resource-service 1 and 2: the balancer's servers {@code auth1}, {@code auth2}, ... */
    final List<ServiceProcess> auths;
    final List<ServiceProcess> resources;
    final LoadBalancer balancer;

    TwoOfEach() throws IOException {
        LoadBalancer.Frontend authFront = LoadBalancer.Frontend.onSparePort(List.of());
        // both instances issue tokens as the one public URL, and the verifiers fetch its JWKS through the balancer
        // a stopping instance answers readiness 503 for 3 s while it still serves: HAProxy's checks (every 500 ms,
        // down after two failures, so 1 to 1.5 s) take it out well before it stops accepting connections
        Map<String, String> environment = Map.of("AUTH_ISSUER", "http://localhost:" + authFront.port(), "AUTH_PROXIES_TRUSTED", "127.0.0.1",
                "AUTH_SHUTDOWN_DRAIN_DELAY", "3s");
        platform = new Platform(TestInfrastructure.get().redisUri(), environment);
        auths = List.of(platform.auth, platform.newAuthService(environment, PlatformTestProperties.freePort()));
        resources = List.of(platform.resource, platform.newResourceService(environment));
        LoadBalancer started = null;
        try {
            auths.get(0).start();
            auths.get(1).start(); // after the first: it finds the signing key and the admin the first one made
            started = LoadBalancer.start(Map.of(
                    "auth", new LoadBalancer.Frontend(authFront.port(), auths.stream().map(ServiceProcess::port).toList()),
                    "resource", LoadBalancer.Frontend.onSparePort(resources.stream().map(ServiceProcess::port).toList())));
            resources.forEach(ServiceProcess::start);
            for (int instance = 1; instance <= 2; instance++) {
                started.awaitInstance("auth", instance, true);
                started.awaitInstance("resource", instance, true);
            }
        } catch (IOException | RuntimeException | AssertionError e) {
            // whatever did start is not left running for the tests that follow
            resources.forEach(ServiceProcess::stop);
            auths.forEach(ServiceProcess::stop);
            if (started != null) {
                started.close();
            }
            throw e;
        }
        balancer = started;
    }

    Api auth(int index) {
        return auths.get(index).api();
    }

    Api resource(int index) {
        return resources.get(index).api();
    }

    String adminToken(int index) {
        Api.Response login = auth(index).login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        if (login.status() != 200) {
            throw new AssertionError("admin login failed: " + login);
        }
        return login.accessToken();
    }

    @Override
    public void close() throws IOException {
        balancer.close();
        resources.forEach(ServiceProcess::stop);
        auths.forEach(ServiceProcess::stop);
    }
}
