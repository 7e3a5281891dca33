package dev.authplatform.localservers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL server and a real Redis server, both from Maven artifacts (zonky's PostgreSQL binaries, the
 * redis-server binary of codemonstur's embedded-redis), for a machine that has neither: {@code run-local.sh} starts
 * them when nothing answers at the usual addresses, and the tests when no other PostgreSQL and Redis are at hand.
 *
 * <pre>
 * java -jar local-servers.jar --dir DIR [--postgres-port N] [--redis-port N] [--no-postgres] [--no-redis]
 *                             [--binaries DIR] [--fresh] [--until-stdin-closes]
 * </pre>
 *
 * Data lives under {@code DIR/postgres} and {@code DIR/redis} and is kept across restarts ({@code --fresh}: emptied
 * first, and Redis keeps nothing on disk); PostgreSQL's binaries are unpacked once under {@code DIR/binaries} (or
 * {@code --binaries}). A port of 0 is a free one. Both
 * listen on 127.0.0.1 only; PostgreSQL's superuser {@code postgres} needs no password there, as a local development
 * server's does. One line on standard output says what each server is and where; then the line {@code ready}.
 * They stop on SIGTERM, or with {@code --until-stdin-closes} when the standard input closes (the process that
 * started them has gone, however it ended).
 *
 * <p>PostgreSQL refuses to run as root; as root, run this in a user namespace that maps root to another user
 * ({@code unshare --user --map-user=1000 --map-group=1000}), as {@code run-local.sh} and the tests do.
 */
public final class LocalServers implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-servers: " + e.getMessage());
            System.exit(2);
            return;
        }
        if ("root".equals(System.getProperty("user.name"))) {
            System.err.println("local-servers: PostgreSQL does not run as root; run this as another user, or in a user namespace "
                    + "(unshare --user --map-user=1000 --map-group=1000)");
            System.exit(2);
        }
        LocalServers servers = new LocalServers();
        Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "local-servers-stop"));
        try {
            servers.start(options);
        } catch (IOException | RuntimeException e) {
            System.err.println("local-servers: could not start: " + e);
            servers.close();
            System.exit(1);
        }
        System.out.println("ready");
        System.out.flush();
        if (options.untilStdinCloses()) {
            drain(System.in);
            System.exit(0); // the shutdown hook stops both
        }
        Thread.currentThread().join(); // until SIGTERM
    }

    private void start(Options options) throws IOException {
        Files.createDirectories(options.dir());
        if (options.postgresPort() >= 0) {
            Path data = options.dir().resolve("postgres");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(options.fresh())
                    .setOverrideWorkingDirectory(options.binaries().toFile())
                    .setPort(options.postgresPort())
                    // TCP only: no socket file to clash with a system PostgreSQL's
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            started.add(postgres);
            System.out.println("PostgreSQL on 127.0.0.1:" + postgres.getPort() + " (user postgres, no password), data in " + data);
        }
        if (options.redisPort() >= 0) {
            Path data = options.dir().resolve("redis");
            Files.createDirectories(data);
            int port = options.redisPort() == 0 ? freePort() : options.redisPort();
            RedisServer redis = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + data.toAbsolutePath())
                    .setting(options.fresh() ? "appendonly no" : "appendonly yes")
                    .setting("save \"\"")
                    .onShutdownForceStop(false) // SIGTERM: Redis writes its append-only file before it exits
                    .build();
            redis.start();
            started.add(redis::stop);
            System.out.println("Redis on 127.0.0.1:" + port + ", data in " + (options.fresh() ? "memory only" : data));
        }
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable server : started.reversed()) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("local-servers: could not stop a server: " + e);
            }
        }
        started.clear();
    }

    private static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // nothing is read from the parent: only the end of the stream counts
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone just the same
        }
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command line: a port of 0 picks a free one; -1 (--no-postgres, --no-redis) starts none. */
    record Options(Path dir, Path binaries, int postgresPort, int redisPort, boolean fresh, boolean untilStdinCloses) {

        static Options parse(String[] args) {
            Path dir = null;
            Path binaries = null;
            int postgresPort = 5432;
            int redisPort = 6379;
            boolean fresh = false;
            boolean untilStdinCloses = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                    case "--binaries" -> binaries = Path.of(value(args, ++i, "--binaries"));
                    case "--postgres-port" -> postgresPort = port(value(args, ++i, "--postgres-port"));
                    case "--redis-port" -> redisPort = port(value(args, ++i, "--redis-port"));
                    case "--no-postgres" -> postgresPort = -1;
                    case "--no-redis" -> redisPort = -1;
                    case "--fresh" -> fresh = true;
                    case "--until-stdin-closes" -> untilStdinCloses = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--dir is required");
            }
            Path home = dir.toAbsolutePath();
            return new Options(home, binaries == null ? home.resolve("binaries") : binaries.toAbsolutePath(), postgresPort, redisPort,
                    fresh, untilStdinCloses);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("not a port: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + value);
            }
        }
    }
}
