package dev.authplatform.platform;

import dev.authplatform.common.testing.PlatformTestProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, on a spare loopback port, for tests that stop the database: the shared
 * one on 5432 is never stopped. Made with Debian's initdb and pg_ctl (as the {@code postgres} user when the test
 * runs as root, since PostgreSQL refuses to run as root), trust authentication, nothing kept afterwards.
 */
final class PrivatePostgres implements AutoCloseable {

    final int port = PlatformTestProperties.freePort();
    private final Path bin;
    private final Path directory;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin) throws IOException {
        this.bin = bin;
        this.directory = Files.createTempDirectory("private-postgres-");
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        if (asPostgresUser) {
            run(List.of("chown", "postgres", directory.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", directory.resolve("data").toString(), "-U", "postgres",
                "--auth=trust", "--no-sync"), true);
    }

    /** A new cluster, not started; empty when PostgreSQL's server binaries are not installed here. */
    static Optional<PrivatePostgres> create() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            Optional<Path> bin = versions.map(version -> version.resolve("bin")).filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.naturalOrder());
            return bin.isEmpty() ? Optional.empty() : Optional.of(new PrivatePostgres(bin.get()));
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-w", "-t", "30",
                "-l", directory.resolve("server.log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory + " -c fsync=off", "start"), true);
    }

    /** Stops at once, as a crash or a lost host would: connections are cut, nothing is flushed politely. */
    void stop() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", directory.resolve("data").toString(), "-w", "-m", "immediate", "stop"), true);
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException | RuntimeException ignored) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private void run(List<String> command, boolean asServerUser) throws IOException {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
