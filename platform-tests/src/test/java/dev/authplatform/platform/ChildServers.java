package dev.authplatform.platform;

import dev.authplatform.common.testing.Poll;

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
 * Servers a test starts from Debian's binaries (redis-server, redis-sentinel, haproxy), with their files in a
 * directory of their own: started with their output in a log there, waited for, and all gone on close.
 */
final class ChildServers implements AutoCloseable {

    final Path directory;
    private final List<Process> processes = new ArrayList<>();

    ChildServers(String prefix) throws IOException {
        this.directory = Files.createTempDirectory(prefix);
    }

    Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("servers.log").toFile())).start();
        processes.add(process);
        return process;
    }

    static void awaitListening(int port, String what) {
        Poll.until(Duration.ofSeconds(10), what + " on " + port, () -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() throws IOException {
        processes.forEach(Process::destroyForcibly);
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
