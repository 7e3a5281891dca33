package dev.authplatform.common.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** Settings for one test instance of a platform service: its own port, database and Redis namespace. */
public final class PlatformTestProperties {

    public static final String ADMIN_EMAIL = "admin@platform.test";
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private PlatformTestProperties() {
    }

    /** An auth-service on a free port whose issuer URL is that port, with a fresh database and namespace. */
    public static Map<String, String> authService() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        int port = freePort();
        Map<String, String> properties = new HashMap<>();
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.put("auth.issuer", "http://localhost:" + port);
        properties.put("datasources.default.url", infrastructure.newDatabase());
        properties.put("datasources.default.username", infrastructure.username());
        properties.put("datasources.default.password", infrastructure.password());
        properties.put("redis.uri", infrastructure.redisUri());
        properties.put("auth.revocation.namespace", infrastructure.newNamespace());
        properties.put("auth.bootstrap-admin.email", ADMIN_EMAIL);
        properties.put("auth.bootstrap-admin.password", ADMIN_PASSWORD);
        return properties;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
