package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run-local.sh} on a machine with nothing but a JDK, as far as it can tell: with {@code RUN_LOCAL_SERVERS=embedded}
 * it starts local-servers' PostgreSQL and Redis (real servers from Maven artifacts) on ports of its own, then both
 * services and the demo app; a user registers, calls resource-service, logs out and is refused; after {@code --stop}
 * and a new start, the same user signs in again (the data was kept).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunLocalEmbeddedTest {

    private static final Path ROOT = Path.of(System.getProperty("platform.repositoryRoot", "..")).toAbsolutePath().normalize();
    private final Path runDirectory = Path.of("target", "run-local-embedded-" + UUID.randomUUID().toString().substring(0, 8))
            .toAbsolutePath();
    private final Map<String, String> environment = new HashMap<>();
    private Api auth;
    private Api resource;

    @BeforeAll
    void ports() {
        int authPort = PlatformTestProperties.freePort();
        int resourcePort = PlatformTestProperties.freePort();
        environment.putAll(Map.of("RUN_LOCAL_SERVERS", "embedded", "RUN_LOCAL_DIR", runDirectory.toString(),
                "RUN_LOCAL_AUTH_PORT", Integer.toString(authPort), "RUN_LOCAL_RESOURCE_PORT", Integer.toString(resourcePort),
                "RUN_LOCAL_DEMO_PORT", Integer.toString(PlatformTestProperties.freePort()),
                "RUN_LOCAL_POSTGRES_PORT", Integer.toString(PlatformTestProperties.freePort()),
                "RUN_LOCAL_REDIS_PORT", Integer.toString(PlatformTestProperties.freePort()),
                "RUN_LOCAL_SMTP_PORT", Integer.toString(PlatformTestProperties.freePort()),
                "RUN_LOCAL_MAIL_WEB_PORT", Integer.toString(PlatformTestProperties.freePort())));
        // no class-data archives: dumping them takes 20 s, and another test checks them
        environment.put("RUN_LOCAL_ARCHIVE", "0");
        auth = new Api("http://localhost:" + authPort);
        resource = new Api("http://localhost:" + resourcePort);
    }

    @AfterAll
    void stop() throws Exception {
        runLocal("--stop");
        if (!Files.exists(runDirectory)) {
            return;
        }
        try (var files = Files.walk(runDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void theWholePlatformRunsOnServersFromMavenArtifactsAndKeepsItsDataAcrossARestart() throws Exception {
        String started = runLocal("--no-build", "--detach");
        assertTrue(started.contains("[run-local] started PostgreSQL on 127.0.0.1:" + environment.get("RUN_LOCAL_POSTGRES_PORT")
                + " (user postgres, no password), data in " + runDirectory.resolve("servers/postgres")), started);
        assertTrue(started.contains("[run-local] started Redis on 127.0.0.1:" + environment.get("RUN_LOCAL_REDIS_PORT")
                + ", data in " + runDirectory.resolve("servers/redis")), started);

        String email = "run-local-" + UUID.randomUUID() + "@platform.test";
        String token = auth.register(email, "correct-horse-1").accessToken();
        assertEquals(200, resource.get("/api/me", token).status());
        assertEquals(204, auth.post("/auth/logout", null, token).status());
        assertEquals(401, resource.get("/api/me", token).status(), "refused at resource-service once logged out");

        runLocal("--stop");
        runLocal("--no-build", "--detach");

        assertEquals(200, auth.login(email, "correct-horse-1").status(), "the account outlived the restart");
    }

    /** Runs run-local.sh with this test's environment; fails unless it exits 0; returns what it printed. */
    private String runLocal(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", ROOT.resolve("run-local.sh").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        List.of("DATASOURCES_DEFAULT_URL", "REDIS_URI", "AUTH_MAIL_HOST").forEach(builder.environment()::remove);
        Path output = Files.createTempFile("run-local", ".log");
        Process process = builder.redirectOutput(output.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("run-local.sh " + String.join(" ", arguments) + " did not finish: " + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertEquals(0, process.exitValue(), "run-local.sh " + String.join(" ", arguments) + ":\n" + printed);
        return printed;
    }
}
