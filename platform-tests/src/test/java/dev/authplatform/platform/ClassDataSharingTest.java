package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The images' class-data archives, made as the Dockerfiles make them: {@code deploy/cds/dump} turns a service's
 * committed class list ({@code deploy/cds/record}) into the archive of the jar just built, with
 * {@code deploy/jvm.options}; the service starts on it with {@code -Xshare:on} (a JVM that cannot use the archive
 * refuses to start instead of quietly starting slowly) and serves. The list must still name what the build loads: when
 * fewer than nine in ten of the classes loaded by a start and a few requests come from the archive, the list has gone
 * stale (classes renamed or added, a dependency changed) and {@code deploy/cds/record} is due.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassDataSharingTest {

    private static final double COVERAGE_NEEDED = 0.9;

    private final Path repository = Path.of(System.getProperty("platform.repositoryRoot", "..")).toAbsolutePath().normalize();
    @TempDir // static: given before @BeforeAll, and kept for the class's tests
    static Path directory;
    private Platform platform;

    @BeforeAll
    void dumpTheArchives() throws Exception {
        platform = new Platform();
        for (ServiceProcess service : List.of(platform.auth, platform.resource)) {
            dump(service);
        }
    }

    @AfterAll
    void stop() {
        platform.close();
    }

    @Test
    void authServiceStartsOnItsArchiveAndServes() throws IOException {
        try (ServiceProcess auth = onItsArchive(platform.newAuthService(Map.of(), platform.authPort), "auth-service").start()) {
            Api.Response registered = auth.api().registerSomeone();
            assertEquals(201, registered.status(), registered.toString());
            assertEquals(200, auth.api().get("/auth/me", registered.accessToken()).status());
        }
        assertCovered("auth-service"); // read once the JVM has ended and its log is complete
    }

    @Test
    void resourceServiceStartsOnItsArchiveAndServes() throws IOException {
        try (ServiceProcess auth = platform.auth.start();
             ServiceProcess resource = onItsArchive(platform.newResourceService(Map.of()), "resource-service").start()) {
            String token = auth.api().registerSomeone().accessToken();
            assertEquals(200, resource.api().get("/api/me", token).status());
            assertEquals(401, resource.api().get("/api/me", "not-a-token").status());
        }
        assertCovered("resource-service");
    }

    /** The Dockerfiles' command, with this build's jar and the JVM running the tests (JDK 25, as the images'). */
    private void dump(ServiceProcess service) throws IOException, InterruptedException {
        String name = service.jar().getFileName().toString().replace(".jar", "");
        ProcessBuilder builder = new ProcessBuilder("sh", repository.resolve("deploy/cds/dump").toString(),
                repository.resolve("deploy/cds/" + name + ".classlist.gz").toString(), service.jar().toString(),
                archive(name).toString(), repository.resolve("deploy/jvm.options").toString());
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path output = directory.resolve(name + "-dump.log");
        Process dump = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(dump.waitFor(3, TimeUnit.MINUTES), "dumping " + name + "'s archive took over 3 minutes");
        assertEquals(0, dump.exitValue(), "deploy/cds/dump failed for " + name + ": " + Files.readString(output));
    }

    private ServiceProcess onItsArchive(ServiceProcess service, String name) {
        return service.withJvmOptions(List.of("@" + repository.resolve("deploy/jvm.options"),
                "-XX:SharedArchiveFile=" + archive(name), "-Xshare:on",
                "-Xlog:class+load=info:file=" + classLoadLog(name)));
    }

    /**
     * Of the classes the service loaded from its jar or the JDK, the share that came from the archive (classes a
     * running program generates, such as lambda forms and proxies, are in neither place and are not counted).
     */
    private void assertCovered(String name) throws IOException {
        Map<String, Long> bySource = Files.readAllLines(classLoadLog(name)).stream()
                .filter(line -> line.contains(" source: "))
                .map(line -> line.substring(line.indexOf(" source: ") + 9))
                .map(source -> source.startsWith("shared objects file") ? "archive"
                        : source.startsWith("jar:") || source.startsWith("file:") || source.startsWith("jrt:") ? "jar or JDK"
                        : "generated")
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        long fromArchive = bySource.getOrDefault("archive", 0L);
        long loaded = fromArchive + bySource.getOrDefault("jar or JDK", 0L);
        assertTrue(loaded > 5_000, name + " loaded " + loaded + " classes? " + bySource);
        assertTrue(fromArchive >= COVERAGE_NEEDED * loaded, name + ": " + fromArchive + " of " + loaded
                + " classes came from the archive; the class list is stale: run deploy/cds/record");
    }

    private Path archive(String name) {
        return directory.resolve(name + ".jsa");
    }

    private Path classLoadLog(String name) {
        return directory.resolve(name + "-classes.log");
    }
}
