package dev.authplatform.platform;

import dev.authplatform.common.testing.Poll;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three primaries on spare loopback ports (Debian's {@code redis-server}, joined with
 * {@code redis-cli --cluster create}), nothing persisted, everything removed on close.
 */
final class RedisCluster implements AutoCloseable {

    static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");

    final List<Integer> ports = freeNodePorts(3);
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

    /**
     * Ports for nodes whose cluster bus port (the port + 10,000) is free too and, like the port, below Linux's
     * ephemeral range: a bus port up there could be taken by an outgoing connection before the node binds it, and the
     * node then exits after it has begun to listen (seen once: "redis-cli --cluster create failed ... Connection
     * refused").
     */
    private static List<Integer> freeNodePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        for (int attempt = 0; attempt < 500 && ports.size() < count; attempt++) {
            int candidate = 20000 + ThreadLocalRandom.current().nextInt(2700);
            if (!ports.contains(candidate) && bindable(candidate) && bindable(candidate + 10000)) {
                ports.add(candidate);
            }
        }
        if (ports.size() < count) {
            throw new IllegalStateException("no free node and bus ports between 20000 and 32700");
        }
        return List.copyOf(ports);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            return false;
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
