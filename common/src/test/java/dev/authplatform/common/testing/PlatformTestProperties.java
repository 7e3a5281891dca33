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
        // tests drive the service from one address far faster than a person; AbuseLimitsTest turns them on
        properties.put("auth.limits.enabled", "false");
        return properties;
    }

    /** Every port freePort() has handed out in this JVM. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, below Linux's ephemeral range (32768 and up by default): a port taken from that range
     * can be handed to an outgoing connection (HAProxy's, the pools') between the pick and the service binding it, or
     * between an instance stopping and starting again on it.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 20000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12000);
            // a port handed out is not bound until its process starts: never hand it out twice (TwoOfEach once gave
            // an auth-service and a resource-service the same port, and MultiInstanceTest talked to the wrong one)
            if (!HANDED_OUT.add(candidate)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
