package dev.authplatform.platform;

import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Redis primary, its replica and a Sentinel watching them (quorum 1, down after 1 s), on spare loopback ports, from
 * Debian's {@code redis-server} and {@code redis-sentinel}; nothing persisted, everything removed on close.
 */
final class SentinelRedis implements AutoCloseable {

    static final String MASTER = "platform";
    static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    static final Path REDIS_SENTINEL = Path.of("/usr/bin/redis-sentinel");

    final int primaryPort = PlatformTestProperties.freePort();
    final int replicaPort = PlatformTestProperties.freePort();
    final int sentinelPort = PlatformTestProperties.freePort();
    private final ChildServers servers;
    private final Process primary;

    SentinelRedis() throws IOException {
        servers = new ChildServers("sentinel-");
        primary = servers.start(List.of(REDIS_SERVER.toString(), "--port", Integer.toString(primaryPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        ChildServers.awaitListening(primaryPort, "the Redis primary");
        servers.start(List.of(REDIS_SERVER.toString(), "--port", Integer.toString(replicaPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1", Integer.toString(primaryPort)));
        ChildServers.awaitListening(replicaPort, "the Redis replica");
        Path config = servers.directory.resolve("sentinel.conf"); // Sentinel rewrites its file: a copy of its own
        Files.writeString(config, String.join("\n",
                "port " + sentinelPort, "bind 127.0.0.1", "dir " + servers.directory,
                "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 1",
                "sentinel down-after-milliseconds " + MASTER + " 1000",
                "sentinel failover-timeout " + MASTER + " 5000",
                "sentinel parallel-syncs " + MASTER + " 1", ""));
        servers.start(List.of(REDIS_SENTINEL.toString(), config.toString()));
        ChildServers.awaitListening(sentinelPort, "Redis Sentinel");
        Poll.until(Duration.ofSeconds(15), "Sentinel to see the replica",
                () -> askSentinel(sentinelPort, sentinel -> sentinel.replicas(MASTER)).stream()
                        .anyMatch(replica -> Integer.toString(replicaPort).equals(replica.get("port"))));
    }

    /** The Lettuce URI services are given: the Sentinel, and the name of the primary it watches. */
    String uri() {
        return "redis-sentinel://127.0.0.1:" + sentinelPort + "/0#" + MASTER;
    }

    /** The port Sentinel names as the primary now. */
    int currentPrimaryPort() {
        return askSentinel(sentinelPort, sentinel -> ((java.net.InetSocketAddress) sentinel.getMasterAddrByName(MASTER)).getPort());
    }

    /** SIGKILL to the primary: no goodbye to anyone; Sentinel promotes the replica. */
    void killPrimary() throws InterruptedException {
        primary.destroyForcibly();
        primary.waitFor(10, TimeUnit.SECONDS);
    }

    private static <T> T askSentinel(int port, java.util.function.Function<RedisSentinelCommands<String, String>, T> question) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
            return question.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() throws IOException {
        servers.close();
    }
}
