package dev.authplatform.platform;

import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three primaries on spare loopback ports (Debian's {@code redis-server}, joined with
 * {@code redis-cli --cluster create}), nothing persisted, everything removed on close.
 */
final class RedisCluster implements AutoCloseable {

    static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

    final List<Integer> ports = List.of(PlatformTestProperties.freePort(), PlatformTestProperties.freePort(), PlatformTestProperties.freePort());
    private final ChildServers servers;

    RedisCluster() throws IOException, InterruptedException {
        servers = new ChildServers("redis-cluster-");
        for (int port : ports) {
            servers.start(List.of(REDIS_SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", servers.directory.resolve("nodes-" + port + ".conf").toString(),
                    "--dir", servers.directory.toString(), "--save", "", "--appendonly", "no"));
            ChildServers.awaitListening(port, "a Redis Cluster node");
        }
        List<String> create = new ArrayList<>(List.of(REDIS_CLI.toString(), "--cluster", "create"));
        ports.forEach(port -> create.add("127.0.0.1:" + port));
        create.add("--cluster-yes");
        Process cli = new ProcessBuilder(create).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes());
        if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
        }
        for (int port : ports) {
            Poll.until(Duration.ofSeconds(20), "the cluster to be ok on " + port, () -> clusterInfo(port).contains("cluster_state:ok"));
        }
    }

    /** What the services are given: every node, comma-separated ({@code redis.uris}). */
    String uris() {
        return ports.stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }


    private static String clusterInfo(int port) {
        RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().clusterInfo();
        } catch (RuntimeException e) {
            return "";
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() throws IOException {
        servers.close();
    }
}
