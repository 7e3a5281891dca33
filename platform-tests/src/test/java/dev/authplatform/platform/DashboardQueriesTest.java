package dev.authplatform.platform;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Grafana dashboard (ops/grafana/dashboards/authplatform.json) asks a real Prometheus (Debian's) what the
 * services export: Prometheus scrapes both services while a scripted flow runs (sign-ins, a failed one, throttling,
 * refresh-token reuse, refused tokens, revocations), then every query of every panel must parse and return data.
 * A panel whose metric was renamed or mistyped would show "No data"; here it fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    /** Queries that may rightly have nothing to show after a healthy flow. */
    private static final List<String> MAY_BE_EMPTY = List.of("status=~'5..'");

    private final int prometheusPort = PlatformTestProperties.freePort();
    private final HttpClient http = HttpClient.newHttpClient();
    private Platform platform;
    private Process prometheus;
    private Path directory;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(Files.isExecutable(PROMETHEUS), "Debian's prometheus is not installed here (.ci/run installs it)");
        platform = new Platform().start();
        directory = Files.createTempDirectory("prometheus-");
        Files.writeString(directory.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: auth-service
                    static_configs: [{targets: ["localhost:%d"]}]
                  - job_name: resource-service
                    static_configs: [{targets: ["localhost:%d"]}]
                """.formatted(platform.authPort, platform.resource.port()));
        prometheus = new ProcessBuilder(List.of(PROMETHEUS.toString(), "--config.file=" + directory.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort))
                .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()).start();
    }

    @AfterAll
    void stop() throws IOException {
        if (prometheus != null) {
            prometheus.destroy();
        }
        if (platform != null) {
            platform.close();
        }
        if (directory != null) {
            try (var files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void everyPanelQueryReturnsData() throws Exception {
        Poll.until(Duration.ofSeconds(30), "Prometheus to scrape both services", () -> {
            try {
                return results("sum(up)").stream().anyMatch(r -> value(r) == 2);
            } catch (IllegalStateException notListeningYet) {
                return false;
            }
        });
        runAFlow();
        Thread.sleep(3_000); // rates need samples after the flow: three scrapes at 1 s

        Map<String, String> failures = new LinkedHashMap<>();
        List<String> queries = dashboardQueries();
        assertTrue(queries.size() >= 30, "the dashboard's queries were read: " + queries.size());
        for (String query : queries) {
            String concrete = query.replace("$service", ".*").replace("$__rate_interval", "1m");
            try {
                List<Map<String, Object>> result = results(concrete);
                if (result.isEmpty() && MAY_BE_EMPTY.stream().noneMatch(query::contains)) {
                    failures.put(query, "no data");
                }
            } catch (AssertionError | RuntimeException e) {
                failures.put(query, e.getMessage());
            }
        }
        assertEquals(Map.of(), failures);
    }

    private void runAFlow() {
        Api auth = platform.authApi();
        Api resource = platform.resourceApi();
        String email = "dashboard-" + UUID.randomUUID() + "@platform.test";
        auth.register(email, "correct-horse-1");
        for (int i = 0; i < 11; i++) {
            auth.login(email, "wrong-horse-1"); // the account throttle's limit is 10
        }
        Api.Response someone = auth.registerSomeone();
        Api.Response login = auth.login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD);
        assertEquals(200, resource.get("/api/me", someone.accessToken()).status());
        assertEquals(200, resource.get("/api/me", someone.accessToken()).status());
        assertEquals(401, resource.get("/api/me", "not-a-token").status());
        assertEquals(200, auth.post("/auth/refresh", Api.json("refreshToken", login.refreshToken())).status());
        assertEquals(401, auth.post("/auth/refresh", Api.json("refreshToken", login.refreshToken())).status());
        assertEquals(204, auth.post("/auth/logout", null, someone.accessToken()).status());
        Poll.until(Duration.ofSeconds(2), "the logout to reach resource-service", () -> resource.get("/api/me", someone.accessToken()).status() == 401);
    }

    @SuppressWarnings("unchecked")
    private static List<String> dashboardQueries() throws Exception {
        Path file = Path.of(System.getProperty("platform.repositoryRoot", "..")).resolve("ops/grafana/dashboards/authplatform.json");
        Map<String, Object> dashboard = JSONObjectUtils.parse(Files.readString(file));
        List<String> queries = new ArrayList<>();
        for (Object panel : (List<Object>) dashboard.get("panels")) {
            for (Object target : (List<Object>) ((Map<String, Object>) panel).getOrDefault("targets", List.of())) {
                queries.add((String) ((Map<String, Object>) target).get("expr"));
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> results(String query) {
        try {
            URI uri = URI.create("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = JSONObjectUtils.parse(response.body());
            if (!"success".equals(body.get("status"))) {
                throw new AssertionError("Prometheus refused the query: " + body.get("error"));
            }
            return (List<Map<String, Object>>) ((Map<String, Object>) body.get("data")).get("result");
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus is not answering yet", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException("Prometheus answered something else than JSON (still starting?)", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static double value(Map<String, Object> result) {
        return Double.parseDouble((String) ((List<Object>) result.get("value")).get(1));
    }
}
