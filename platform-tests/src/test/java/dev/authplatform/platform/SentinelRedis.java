package dev.authplatform.platform;

import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
    private final Path directory;
    private final List<Process> processes = new ArrayList<>();
    private Process primary;

    SentinelRedis() throws IOException {
        directory = Files.createTempDirectory("sentinel-");
        primary = start(REDIS_SERVER, "--port", Integer.toString(primaryPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        awaitListening(primaryPort);
        start(REDIS_SERVER, "--port", Integer.toString(replicaPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--replicaof", "127.0.0.1", Integer.toString(primaryPort));
        awaitListening(replicaPort);
        Path config = directory.resolve("sentinel.conf"); // Sentinel rewrites its file: a copy of its own
        Files.writeString(config, String.join("\n",
                "port " + sentinelPort, "bind 127.0.0.1", "dir " + directory,
                "sentinel monitor " + MASTER + " 127.0.0.1 " + primaryPort + " 1",
                "sentinel down-after-milliseconds " + MASTER + " 1000",
                "sentinel failover-timeout " + MASTER + " 5000",
                "sentinel parallel-syncs " + MASTER + " 1", ""));
        start(REDIS_SENTINEL, config.toString());
        awaitListening(sentinelPort);
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

    private Process start(Path binary, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("redis.log").toFile())).start();
        processes.add(process);
        return process;
    }

    private static void awaitListening(int port) {
        Poll.until(Duration.ofSeconds(10), "Redis on " + port, () -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
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
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
