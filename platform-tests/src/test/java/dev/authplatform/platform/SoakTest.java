package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 34's soak ({@code bench/soak --minutes N}; not part of {@code ./mvnw verify}): two auth-service and two
 * resource-service instances behind HAProxy, on a Redis and a PostgreSQL of the soak's own, under a mixed load —
 * sign-ins, refresh chains (each token used once), client credentials, {@code /api/me} with a pool of many tokens, and
 * logouts whose tokens are then checked at both verifiers — while faults come on a schedule: Redis restarted, PostgreSQL
 * restarted (stopped at once), each instance stopped with SIGTERM or SIGKILL and started again. A fault's window runs
 * from its start until everything is healthy again, plus {@link #GRACE}. It reports, and fails unless each is 0: revoked
 * tokens accepted, valid requests refused outside the windows, 5xx other than 503 inside them, ERROR lines outside them;
 * and the RSS and heap after a full GC of each instance at each quarter (a trend is judged by reading them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIfSystemProperty(named = "soak.minutes", matches = "\\d+(\\.\\d+)?")
class SoakTest {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration REVOKED_WITHIN = Duration.ofMillis(500);
    private static final long PAUSE_MILLIS = 20;

    private final Duration length = Duration.ofSeconds((long) (Double.parseDouble(System.getProperty("soak.minutes", "5")) * 60));

    private PrivatePostgres postgres;
    private final int redisPort = PlatformTestProperties.freePort();
    private Process redis;
    private final List<ServiceProcess> auths = new ArrayList<>();
    private final List<ServiceProcess> resources = new ArrayList<>();
    private LoadBalancer balancer;
    private Api auth;
    private Api resource;

    private volatile boolean running = true;
    private final ExecutorService workers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("soak-", 0).factory());
    private final Map<String, AtomicLong> sent = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong revocationsChecked = new AtomicLong();
    private final ConcurrentLinkedQueue<String> revokedAccepted = new ConcurrentLinkedQueue<>();
    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private final List<String> memory = new ArrayList<>();

    private record Failure(String what, int status, LocalTime at, String detail) {
    }

    private record Window(String fault, LocalTime from, LocalTime to) {
        boolean covers(LocalTime time) {
            return !time.isBefore(from) && !time.isAfter(to);
        }
    }

    @BeforeAll
    void start() throws IOException {
        postgres = PrivatePostgres.create().orElseThrow(() -> new IllegalStateException("PostgreSQL's server binaries are needed"));
        postgres.start();
        redis = startRedis();
        LoadBalancer.Frontend authFront = LoadBalancer.Frontend.onSparePort(List.of());
        Map<String, String> environment = new HashMap<>(Map.of(
                "AUTH_ISSUER", "http://localhost:" + authFront.port(),
                "AUTH_PROXIES_TRUSTED", "127.0.0.1",
                "AUTH_SHUTDOWN_DRAIN_DELAY", "3s",
                "AUTH_LIMITS_ENABLED", "false",
                "AUTH_TOKENS_ACCESS_TTL", "2h", // the pool of /api/me tokens outlives the soak
                "AUTH_PASSWORD_MEMORY_KIB", "4096", "AUTH_PASSWORD_ITERATIONS", "1",
                "REDIS_URI", "redis://127.0.0.1:" + redisPort,
                "DATASOURCES_DEFAULT_URL", postgres.jdbcUrl()));
        Platform platform = new Platform("redis://127.0.0.1:" + redisPort, environment);
        auths.add(platform.auth);
        auths.add(platform.newAuthService(environment, PlatformTestProperties.freePort()));
        resources.add(platform.resource);
        resources.add(platform.newResourceService(environment));
        auths.get(0).start();
        auths.get(1).start();
        balancer = LoadBalancer.start(Map.of(
                "auth", new LoadBalancer.Frontend(authFront.port(), auths.stream().map(ServiceProcess::port).toList()),
                "resource", LoadBalancer.Frontend.onSparePort(resources.stream().map(ServiceProcess::port).toList())));
        resources.forEach(ServiceProcess::start);
        for (int instance = 1; instance <= 2; instance++) {
            balancer.awaitInstance("auth", instance, true);
            balancer.awaitInstance("resource", instance, true);
        }
        auth = balancer.api("auth");
        resource = balancer.api("resource");
    }

    @AfterAll
    void stop() throws IOException, InterruptedException {
        running = false;
        workers.shutdownNow();
        workers.awaitTermination(30, TimeUnit.SECONDS);
        resources.forEach(ServiceProcess::stop);
        auths.forEach(ServiceProcess::stop);
        if (balancer != null) {
            balancer.close();
        }
        if (redis != null) {
            redis.destroy();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theWorkIsRightAndMemoryFlatUnderScheduledFaults() throws Exception {
        startLoad();
        long began = System.nanoTime();
        List<Runnable> faults = List.of(this::restartRedis, this::restartPostgres,
                () -> restart("auth", 0, false), () -> restart("resource", 1, true),
                () -> restart("auth", 1, true), () -> restart("resource", 0, false));
        Duration every = Duration.ofSeconds(Math.max(30, length.toSeconds() / 13));
        int quarter = 1;
        int next = 0;
        long nextFault = began + every.toNanos();
        while (System.nanoTime() - began < length.toNanos()) {
            long now = System.nanoTime();
            if (now - began >= length.toNanos() * quarter / 4 && quarter < 4) {
                measureMemory("quarter " + quarter);
                quarter++;
            }
            if (now >= nextFault && length.toNanos() - (now - began) > every.toNanos()) {
                faults.get(next++ % faults.size()).run();
                nextFault = System.nanoTime() + every.toNanos();
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        measureMemory("end");
        running = false;
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);

        List<Failure> outside = failures.stream().filter(f -> windows.stream().noneMatch(w -> w.covers(f.at()))).toList();
        List<Failure> bad5xx = failures.stream().filter(f -> f.status() >= 500 && f.status() != 503
                && windows.stream().anyMatch(w -> w.covers(f.at()))).toList();
        List<String> errorLines = errorLinesOutsideWindows();
        String report = report(outside, bad5xx, errorLines);
        System.out.println(report);
        Path file = Path.of("target", "soak-report.md");
        Files.writeString(file, report);

        assertTrue(sent.values().stream().mapToLong(AtomicLong::get).sum() > 1000, "the load ran");
        assertEquals(List.of(), new ArrayList<>(revokedAccepted), "revoked tokens accepted");
        assertEquals(List.of(), outside.stream().limit(20).toList(), "valid requests refused outside the fault windows");
        assertEquals(List.of(), bad5xx.stream().limit(20).toList(), "5xx other than 503 during an outage");
        assertEquals(List.of(), errorLines.stream().limit(20).toList(), "ERROR lines outside the fault windows");
    }

    // --- the load -----------------------------------------------------------------------------------------------

    private void startLoad() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = "soak-" + UUID.randomUUID() + "@platform.test";
            assertEquals(201, auth.register(email, "correct-horse-1").status());
            emails.add(email);
        }
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            pool.add(auth.login(emails.get(i % emails.size()), "correct-horse-1").accessToken());
        }
        Api.Response client = auth.post("/admin/clients", json("clientId", "soak-" + UUID.randomUUID(), "name", "Soak",
                "type", "confidential", "grantTypes", List.of("client_credentials"), "scopes", List.of("reports:read")), adminToken());
        assertEquals(201, client.status(), client.toString());
        String basic = java.util.Base64.getEncoder().encodeToString((client.string("clientId") + ":" + client.string("clientSecret"))
                .getBytes(StandardCharsets.UTF_8));

        loop("sign-in", () -> {
            Api.Response login = auth.login(emails.get((int) (Math.random() * emails.size())), "correct-horse-1");
            if (login.status() != 200) {
                return fail("sign-in", login);
            }
            return expect("sign-in /api/me", resource.get("/api/me", login.accessToken()), 200);
        });
        for (int chain = 0; chain < 2; chain++) {
            String email = emails.get(chain);
            String[] refresh = {auth.login(email, "correct-horse-1").refreshToken()};
            loop("refresh", () -> {
                Api.Response refreshed = auth.post("/auth/refresh", json("refreshToken", refresh[0]));
                if (refreshed.status() != 200) {
                    if (refreshed.status() == 401) {
                        Failure broken = fail("refresh", refreshed);
                        refresh[0] = auth.login(email, "correct-horse-1").refreshToken(); // a new chain, as a client would
                        return broken;
                    }
                    return fail("refresh", refreshed); // not answered: the token's fate is unknown; the same one is tried again
                }
                refresh[0] = refreshed.refreshToken();
                return expect("refresh /api/me", resource.get("/api/me", refreshed.accessToken()), 200);
            });
        }
        loop("client credentials", () -> expect("client credentials", auth.send("POST", "/oauth2/token",
                "application/x-www-form-urlencoded", "grant_type=client_credentials", null, Map.of("Authorization", "Basic " + basic)), 200));
        for (int reader = 0; reader < 2; reader++) {
            int[] index = {reader};
            loop("/api/me", () -> {
                index[0] = (index[0] + 2) % pool.size();
                return expect("/api/me", resource.get("/api/me", pool.get(index[0])), 200);
            });
        }
        loop("logout", () -> {
            Api.Response login = auth.login(emails.get((int) (Math.random() * emails.size())), "correct-horse-1");
            if (login.status() != 200) {
                return fail("logout's sign-in", login);
            }
            Api.Response logout = auth.post("/auth/logout", null, login.accessToken());
            if (logout.status() != 204) {
                return fail("logout", logout);
            }
            checkRefusedEverywhere(login.accessToken(), System.nanoTime());
            return null;
        });
    }

    /** After a logout answered 204: never accepted again by either verifier once the bound has passed. */
    private void checkRefusedEverywhere(String token, long acknowledged) {
        revocationsChecked.incrementAndGet();
        for (ServiceProcess verifier : resources) {
            long deadline = acknowledged + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && running) {
                int status;
                try {
                    status = verifier.api().get("/api/me", token).status();
                } catch (RuntimeException down) {
                    status = -1; // being restarted
                }
                if (status == 401) {
                    break;
                }
                if (status == 200 && System.nanoTime() - acknowledged > REVOKED_WITHIN.toNanos()) {
                    revokedAccepted.add(LocalTime.now() + " resource-service on " + verifier.port());
                    break;
                }
                sleep(20);
            }
        }
    }

    private interface Step {
        /** null when the answer was the expected one */
        Failure run();
    }

    private void loop(String name, Step step) {
        AtomicLong count = sent.computeIfAbsent(name, k -> new AtomicLong());
        workers.submit(() -> {
            while (running) {
                Failure failure;
                try {
                    failure = step.run();
                } catch (RuntimeException e) {
                    failure = new Failure(name, -1, LocalTime.now(), e.toString());
                }
                count.incrementAndGet();
                if (failure != null) {
                    failures.add(failure);
                }
                sleep(PAUSE_MILLIS);
            }
        });
    }

    private static Failure expect(String what, Api.Response response, int status) {
        return response.status() == status ? null : fail(what, response);
    }

    private static Failure fail(String what, Api.Response response) {
        String body = response.body() == null ? "" : response.body();
        return new Failure(what, response.status(), LocalTime.now(), body.substring(0, Math.min(200, body.length())));
    }

    private String adminToken() {
        return auth.login(PlatformTestProperties.ADMIN_EMAIL, PlatformTestProperties.ADMIN_PASSWORD).accessToken();
    }

    // --- the faults ---------------------------------------------------------------------------------------------

    private void restartRedis() {
        fault("Redis restarted (its data lost)", () -> {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
            sleep(3000);
            redis = startRedis();
        });
    }

    private void restartPostgres() {
        fault("PostgreSQL stopped at once and started", () -> {
            postgres.stop();
            sleep(3000);
            postgres.start();
        });
    }

    private void restart(String frontend, int index, boolean kill) {
        ServiceProcess instance = (frontend.equals("auth") ? auths : resources).get(index);
        fault(frontend + (index + 1) + (kill ? " SIGKILL" : " SIGTERM") + " and started", () -> {
            if (kill) {
                instance.kill();
            } else {
                instance.stop();
            }
            instance.start();
            balancer.awaitInstance(frontend, index + 1, true);
        });
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Runs the fault, then waits for every instance to be healthy again; the window covers it all and the grace. */
    private void fault(String name, Action action) {
        LocalTime from = LocalTime.now();
        // a window that is still open while the fault runs: requests failing meanwhile are inside it
        Window open = new Window(name, from, LocalTime.MAX);
        windows.add(open);
        try {
            action.run();
            for (ServiceProcess instance : Stream.concat(auths.stream(), resources.stream()).toList()) {
                Poll.until(Duration.ofSeconds(90), name + ": " + instance.port() + " healthy again", () -> {
                    try {
                        return instance.api().get("/health").status() == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                });
            }
        } catch (Exception e) {
            throw new AssertionError(name + " failed", e);
        } finally {
            windows.remove(open);
            windows.add(new Window(name, from, LocalTime.now().plus(GRACE)));
        }
        System.out.println(LocalTime.now() + " soak: " + name + ", recovered");
    }

    // --- what is measured ---------------------------------------------------------------------------------------

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private void measureMemory(String when) {
        StringBuilder line = new StringBuilder("| " + when + " |");
        for (ServiceProcess instance : Stream.concat(auths.stream(), resources.stream()).toList()) {
            line.append(' ').append(instance.pid().map(this::memoryOf).orElse("down")).append(" |");
        }
        memory.add(line.toString());
    }

    /** RSS, and the heap in use right after a full GC. */
    private String memoryOf(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            run(jcmd, Long.toString(pid), "GC.run");
            Matcher heap = HEAP_USED.matcher(run(jcmd, Long.toString(pid), "GC.heap_info"));
            return (rss.find() ? Long.parseLong(rss.group(1)) / 1024 + " MiB" : "?") + " / "
                    + (heap.find() ? Long.parseLong(heap.group(1)) / 1024 + " MiB" : "?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return output;
    }

    private List<String> errorLinesOutsideWindows() throws IOException {
        List<String> found = new ArrayList<>();
        for (ServiceProcess instance : Stream.concat(auths.stream(), resources.stream()).toList()) {
            for (String line : Files.readAllLines(instance.logFile())) {
                if (line.length() > 19 && line.startsWith("ERROR", 13)) {
                    LocalTime at = timeOf(line);
                    if (at == null || windows.stream().noneMatch(w -> w.covers(at))) {
                        found.add(instance.logFile().getFileName() + ": " + line);
                    }
                }
            }
        }
        return found;
    }

    private static LocalTime timeOf(String line) {
        try {
            return LocalTime.parse(line.substring(0, 12));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String report(List<Failure> outside, List<Failure> bad5xx, List<String> errorLines) {
        StringBuilder text = new StringBuilder("## Soak: " + length.toMinutes() + " min\n\n| load | requests |\n|---|---|\n");
        sent.forEach((name, count) -> text.append("| ").append(name).append(" | ").append(count.get()).append(" |\n"));
        text.append("\n| fault | from | recovered (+").append(GRACE.toSeconds()).append(" s) |\n|---|---|---|\n");
        windows.forEach(w -> text.append("| ").append(w.fault()).append(" | ").append(w.from().withNano(0)).append(" | ")
                .append(w.to().withNano(0)).append(" |\n"));
        text.append("\n| check | count |\n|---|---|\n")
                .append("| revocations checked at both verifiers | ").append(revocationsChecked.get()).append(" |\n")
                .append("| revoked tokens accepted | ").append(revokedAccepted.size()).append(" |\n")
                .append("| requests not answered as expected inside fault windows | ").append(failures.size() - outside.size()).append(" |\n")
                .append("| valid requests refused outside fault windows | ").append(outside.size()).append(" |\n")
                .append("| 5xx other than 503 during an outage | ").append(bad5xx.size()).append(" |\n")
                .append("| ERROR lines outside fault windows | ").append(errorLines.size()).append(" |\n");
        text.append("\nRSS / heap after a full GC:\n\n| when | auth-service 1 | auth-service 2 | resource-service 1 | resource-service 2 |\n|---|---|---|---|---|\n");
        memory.forEach(line -> text.append(line).append('\n'));
        text.append("\n(instances restarted by a fault start again from a fresh JVM)\n");
        if (!outside.isEmpty()) {
            text.append("\nfirst refusals outside the windows: ").append(outside.stream().limit(10).toList()).append('\n');
        }
        return text.toString();
    }

    // --- Redis ----------------------------------------------------------------------------------------------------

    private Process startRedis() throws IOException {
        Path binary = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "redis-server")).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("redis-server is needed"));
        Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ChildServers.awaitListening(redisPort, "redis-server");
        return process;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
