package dev.authplatform.common.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A PostgreSQL and a Redis of local-servers (real servers from Maven artifacts) for this JVM's tests: the program
 * {@code run-local.sh} starts, as a child process, on free ports, with data in a temporary directory. The child stops
 * both when its standard input closes, so they end with this JVM however it ends. As root, the child runs in a user
 * namespace, PostgreSQL refusing to run as root.
 */
final class EmbeddedServers implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("^(PostgreSQL|Redis) on 127\\.0\\.0\\.1:(\\d+)\\b.*");

    /** PostgreSQL's binaries, unpacked by the first test JVM and used by every later one. */
    private static final Path SHARED_BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "authplatform-local-servers");

    private final Process process;
    private final Path directory;
    private final int postgresPort;
    private final int redisPort;

    private EmbeddedServers(Process process, Path directory, int postgresPort, int redisPort) {
        this.process = process;
        this.directory = directory;
        this.postgresPort = postgresPort;
        this.redisPort = redisPort;
    }

    static EmbeddedServers start() {
        Path jar = jar();
        try {
            Path directory = Files.createTempDirectory("authplatform-test-servers");
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("unshare", "--user", "--map-user=1000", "--map-group=1000"));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar", jar.toString(),
                    "--dir", directory.toString(), "--binaries", SHARED_BINARIES.toString(), "--postgres-port", "0", "--redis-port", "0", "--fresh", "--until-stdin-closes"));
            Process process = new ProcessBuilder(command).redirectError(directory.resolve("local-servers.log").toFile()).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int postgres = -1;
            int redis = -1;
            for (String line = output.readLine(); line != null && !line.equals("ready"); line = output.readLine()) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.matches()) {
                    if (listening.group(1).equals("PostgreSQL")) {
                        postgres = Integer.parseInt(listening.group(2));
                    } else {
                        redis = Integer.parseInt(listening.group(2));
                    }
                }
            }
            if (postgres < 0 || redis < 0) {
                process.destroyForcibly();
                throw new IllegalStateException("local-servers did not start; see " + directory.resolve("local-servers.log"));
            }
            return new EmbeddedServers(process, directory, postgres, redis);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start local-servers", e);
        }
    }

    int postgresPort() {
        return postgresPort;
    }

    int redisPort() {
        return redisPort;
    }

    /** Closes the child's input: it stops both servers and exits. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            // best effort at JVM exit
        }
    }

    /** The packaged program: {@code platform.localServersJar}, else found from the working directory up. */
    private static Path jar() {
        String configured = System.getProperty("platform.localServersJar");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve("local-servers/target/local-servers.jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no local-servers/target/local-servers.jar: build from the top first (./mvnw verify)");
    }
}
