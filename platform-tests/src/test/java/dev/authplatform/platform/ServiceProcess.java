package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged service running as a child process, configured only through its environment: a Micronaut service (its
 * shaded jar), or one of the examples of the other stacks (the Spring Boot jar, the Node service).
 */
final class ServiceProcess implements AutoCloseable {

    /** The tests' JVM: C1 only starts and serves a test's few requests sooner than the shipped options would. */
    private static final List<String> TEST_JVM_OPTIONS = List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final int port;
    /** When set, the service serves HTTPS only, with this certificate, and is called with this trust. */
    private final DevelopmentTls tls;
    private final List<String> jvmOptions;
    /** The whole command, for a service that is not one of ours in Java (null: java with the options and the jar). */
    private final List<String> program;
    private Process process;

    private ServiceProcess(String name, Path jar, Map<String, String> environment, int port, DevelopmentTls tls,
                           List<String> jvmOptions) {
        this(name, jar, environment, port, tls, jvmOptions, null);
    }

    private ServiceProcess(String name, Path jar, Map<String, String> environment, int port, DevelopmentTls tls,
                           List<String> jvmOptions, List<String> program) {
        this.name = name;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.port = port;
        this.tls = tls;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.program = program == null ? null : List.copyOf(program);
    }

    /** The Spring Boot example (spring/example-service), trusting the platform through the starter. */
    static ServiceProcess springExample(Map<String, String> environment, int port) {
        return springBoot("spring-example", jar("platform.springExampleJar"), environment, port);
    }

    /** The Spring Boot web app (spring/example-web-app), signing users in through the platform. */
    static ServiceProcess springWebApp(Map<String, String> environment, int port) {
        return springBoot("spring-web-app", jar("platform.springWebAppJar"), environment, port);
    }

    private static ServiceProcess springBoot(String name, Path jar, Map<String, String> environment, int port) {
        return new ServiceProcess(name, jar, environment, port, null, TEST_JVM_OPTIONS,
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    }

    /** The Express example of the Node package (node/verifier/example), its dependencies installed from the lockfile. */
    static ServiceProcess nodeExample(Map<String, String> environment, int port) {
        Path script = NodeExample.installed().resolve("example/server.js");
        return new ServiceProcess("node-example", script, environment, port, null, List.of(), List.of("node", script.toString()));
    }

    static ServiceProcess authService(Map<String, String> environment, int port) {
        return authService(environment, port, null);
    }

    static ServiceProcess authService(Map<String, String> environment, int port, DevelopmentTls tls) {
        return new ServiceProcess("auth-service", jar("platform.authServiceJar"), environment, port, tls, TEST_JVM_OPTIONS);
    }

    static ServiceProcess resourceService(Map<String, String> environment, int port) {
        return resourceService(environment, port, null);
    }

    static ServiceProcess resourceService(Map<String, String> environment, int port, DevelopmentTls tls) {
        return new ServiceProcess("resource-service", jar("platform.resourceServiceJar"), environment, port, tls,
                TEST_JVM_OPTIONS);
    }

    /** The same service, not started, run with these JVM options instead of the tests' own. */
    ServiceProcess withJvmOptions(List<String> options) {
        return new ServiceProcess(name, jar, environment, port, tls, options);
    }

    /** The packaged service: its shaded jar. */
    Path jar() {
        return jar;
    }

    /** Starts the process and waits until it answers GET /health with 200. */
    ServiceProcess start() {
        return start(true);
    }

    ServiceProcess start(boolean awaitHealthy) {
        try {
            Files.createDirectories(logFile().getParent());
            File log = logFile().toFile();
            List<String> command = new ArrayList<>();
            if (program != null) {
                command.addAll(program);
            } else {
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmOptions);
                command.addAll(List.of("-jar", jar.toString()));
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
            builder.environment().put("PORT", Integer.toString(port));
            if (tls != null) {
                builder.environment().putAll(tls.serverEnvironment());
                builder.environment().put("MICRONAUT_SERVER_SSL_PORT", Integer.toString(port));
            }
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name, e);
        }
        if (awaitHealthy) {
            try {
                awaitHealthy();
            } catch (RuntimeException | AssertionError e) {
                stop(); // a process that never became healthy is not left behind for the tests that follow
                throw e;
            }
        }
        return this;
    }

    void awaitHealthy() {
        Api api = api();
        Poll.until(Duration.ofSeconds(60), name + " on port " + port + " to report UP", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see target/service-logs");
            }
            try {
                return api.get("/health").status() == 200;
            } catch (IllegalStateException notListeningYet) {
                return false;
            }
        });
    }

    /** Where the process's output goes (appended across restarts). */
    Path logFile() {
        return Path.of(System.getProperty("platform.logDir", "target/service-logs")).resolve(name + "-" + port + ".log");
    }

    Api api() {
        return tls == null ? new Api("http://localhost:" + port) : new Api("https://localhost:" + port, tls.clientContext());
    }

    int port() {
        return port;
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM, without waiting for the process to end (stop() waits). */
    void terminate() {
        if (process != null) {
            process.destroy();
        }
    }

    /** The running process's id, for tools that attach to it (jcmd); empty when it is not running. */
    java.util.Optional<Long> pid() {
        return process != null && process.isAlive() ? java.util.Optional.of(process.pid()) : java.util.Optional.empty();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "missing"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged service at " + jar + ": run the build from the top (./mvnw verify)");
        }
        return jar;
    }
}
