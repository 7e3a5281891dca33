package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's HAProxy in front of several instances of each service, on spare loopback ports: round robin, a health
 * check on {@code /health/readiness} every 500 ms (an instance that turns not-ready is out within a second), the
 * client's address in {@code X-Forwarded-For}.
 */
final class LoadBalancer implements AutoCloseable {

    static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

    private final Map<String, Integer> frontends;
    private final int statsPort = PlatformTestProperties.freePort();
    private final Path directory;
    private final Process process;

    /** One service behind the balancer: the port it is reached on, and its instances' ports. */
    record Frontend(int port, List<Integer> instances) {
        /** A frontend on a spare port, chosen before the services start so that they can be told their public URL. */
        static Frontend onSparePort(List<Integer> instances) {
            return new Frontend(PlatformTestProperties.freePort(), instances);
        }
    }

    private LoadBalancer(Map<String, Frontend> backends) throws IOException {
        this.frontends = backends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().port()));
        this.directory = Files.createTempDirectory("haproxy-");
        StringBuilder config = new StringBuilder("""
                global
                  maxconn 1024
                  log stderr format raw local0 info
                defaults
                  mode http
                  log global
                  option httplog
                  # requests are logged only when they did not end with a plain answer (the log is for failures)
                  option dontlog-normal
                  option forwardfor
                  # a fresh connection to the instance per request: no idle connection an instance closes as it
                  # stops can swallow a request; a refused connection is retried on another instance (an instance
                  # that stops is out of the rotation before it refuses: readiness turns 503 first)
                  option http-server-close
                  # a streamed answer (the revocation feed's events) is passed on at once: without it HAProxy holds the
                  # small writes of a long response back for more (MSG_MORE), 200-300 ms each in CrossStackRevocationDrillTest
                  option http-no-delay
                  retries 3
                  option redispatch 1
                  retry-on conn-failure
                  timeout connect 2s
                  # idle client connections are closed by the client first (Java's HttpClient after 30 s): had HAProxy
                  # closed them first (2 s), a POST sent on one as it closed failed with no answer at all
                  timeout client 60s
                  timeout http-keep-alive 60s
                  timeout server 30s
                """);
        config.append("frontend stats\n  bind 127.0.0.1:").append(statsPort).append("\n  stats enable\n  stats uri /stats\n");
        backends.forEach((name, frontend) -> {
            List<Integer> ports = frontend.instances();
            config.append("frontend ").append(name).append("\n  bind 127.0.0.1:").append(frontends.get(name))
                    .append("\n  default_backend ").append(name).append("_instances\n");
            config.append("backend ").append(name).append("_instances\n  balance roundrobin\n")
                    .append("  option httpchk GET /health/readiness\n  http-check expect status 200\n")
                    .append("  default-server inter 500ms fall 2 rise 1\n");
            for (int i = 0; i < ports.size(); i++) {
                config.append("  server ").append(name).append(i + 1).append(" 127.0.0.1:").append(ports.get(i)).append(" check\n");
            }
        });
        Path file = directory.resolve("haproxy.cfg");
        Files.writeString(file, config);
        Path log = Path.of(System.getProperty("platform.logDir", "target/service-logs")).resolve("haproxy-" + frontends.values().iterator().next() + ".log");
        Files.createDirectories(log.getParent());
        this.process = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    static LoadBalancer start(Map<String, Frontend> backends) throws IOException {
        LoadBalancer balancer = new LoadBalancer(backends);
        try {
            balancer.awaitListening(backends.keySet());
        } catch (RuntimeException | AssertionError e) {
            balancer.close();
            throw e;
        }
        return balancer;
    }

    private void awaitListening(Iterable<String> names) {
        for (String name : names) {
            Api api = api(name);
            Poll.until(Duration.ofSeconds(20), "HAProxy to listen for " + name, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("haproxy exited with " + process.exitValue() + "; see target/service-logs");
                }
                try {
                    api.get("/health"); // any answer: HAProxy listens (503 while no instance is ready yet)
                    return true;
                } catch (IllegalStateException notListeningYet) {
                    return false;
                }
            });
        }
    }

    /** Waits until HAProxy's health checks count the instance ({@code auth}, 1-based) as up, or as down. */
    void awaitInstance(String frontend, int instance, boolean up) {
        Api stats = new Api("http://127.0.0.1:" + statsPort);
        String server = frontend + instance;
        Poll.until(Duration.ofSeconds(30), "HAProxy to see " + server + (up ? " up" : " down"), () -> {
            for (String line : stats.get("/stats;csv").body().split("\n")) {
                String[] fields = line.split(",");
                if (fields.length > 17 && fields[0].equals(frontend + "_instances") && fields[1].equals(server)) {
                    return fields[17].startsWith("UP") == up && !fields[17].startsWith("DOWN") == up;
                }
            }
            return false;
        });
    }

    String url(String frontend) {
        return "http://localhost:" + frontends.get(frontend);
    }

    Api api(String frontend) {
        return new Api(url(frontend));
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
