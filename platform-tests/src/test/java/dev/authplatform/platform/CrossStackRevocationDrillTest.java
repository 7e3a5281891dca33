package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import dev.authplatform.common.testing.TcpRelay;
import dev.authplatform.common.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 32 from the outside: four verifiers of the same tokens, each a real process — resource-service on Redis,
 * resource-service on the revocation feed (no Redis), the Spring Boot example on the starter, and the Express example
 * on the Node package. The three on the feed reach auth-service through a relay (cut at varied moments around a
 * revocation) and HAProxy in front of two auth-service instances (one restarted during some rounds, so streams move
 * to the other and resume there). After every kind of revocation returns:
 * <ul>
 *   <li>every verifier refuses the token (401) within {@link #REFUSED_WITHIN} when its feed was not cut, and never
 *       accepts it (200) later than {@link #IN_FLIGHT} after the acknowledgement in any round;</li>
 *   <li>between the two, the only other answer is 503 (a verifier whose feed is cut fails closed);</li>
 *   <li>a steady load of valid requests is never refused (401 or 403) by any verifier.</li>
 * </ul>
 * {@code ./mvnw verify} runs {@value #DEFAULT_ROUNDS} rounds; {@code -Drevocation.drill.crossStackRounds=N} runs more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossStackRevocationDrillTest {

    private static final int DEFAULT_ROUNDS = 14;
    private static final Duration REFUSED_WITHIN = Duration.ofMillis(500);
    private static final Duration IN_FLIGHT = Duration.ofMillis(500);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final Map<String, String> CHEAP_HASHING = Map.of("AUTH_PASSWORD_MEMORY_KIB", "1024", "AUTH_PASSWORD_ITERATIONS", "1");

    private final int rounds = Integer.getInteger("revocation.drill.crossStackRounds", DEFAULT_ROUNDS);
    private final Random random = new Random(Long.getLong("revocation.drill.seed", System.nanoTime()));

    private Platform platform;
    private ServiceProcess secondAuth;
    private LoadBalancer balancer;
    private TcpRelay relay;
    private final List<ServiceProcess> started = new ArrayList<>();
    private List<Verifier> verifiers;
    private Api auth;
    private String adminToken;

    private final AtomicBoolean loadRunning = new AtomicBoolean(true);
    private final AtomicInteger loadRequests = new AtomicInteger();
    private final AtomicInteger loadUnavailable = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> loadFailures = new ConcurrentLinkedQueue<>();
    private final List<Thread> load = new ArrayList<>();

    private int completedRounds;
    private int cuts;
    private int restarts;
    private int acceptedAfterAcknowledgement;
    /** Milliseconds from the acknowledgement to the first 401, by verifier, in rounds whose feed was left alone. */
    private final Map<String, List<Long>> refusalMillis = new java.util.TreeMap<>();
    private boolean passed;

    @BeforeAll
    void start() throws IOException {
        assumeTrue(java.nio.file.Files.isExecutable(LoadBalancer.HAPROXY), "Debian's haproxy is not installed here (.ci/run installs it)");
        assumeTrue(NodeExample.available(), "node and npm are not installed here (.ci/run requires them)");
        platform = new Platform(TestInfrastructure.get().redisUri(), CHEAP_HASHING).start();
        secondAuth = platform.newAuthService(CHEAP_HASHING, PlatformTestProperties.freePort()).start();
        auth = platform.authApi();
        adminToken = platform.adminToken();
        LoadBalancer.Frontend front = LoadBalancer.Frontend.onSparePort(List.of(platform.auth.port(), secondAuth.port()));
        balancer = LoadBalancer.start(Map.of("auth", front));
        relay = new TcpRelay(front.port());

        Map<String, String> feed = new HashMap<>(RevocationPropagationTest.feedEnvironment(platform));
        feed.put("AUTH_REVOCATION_FEED_URI", "http://127.0.0.1:" + relay.port());
        Map<String, String> others = new HashMap<>(feed);
        others.put("AUTH_ISSUER", platform.issuer());
        verifiers = List.of(
                new Verifier("resource-service (Redis)", platform.resource, false),
                new Verifier("resource-service (feed)", started(platform.newResourceService(feed)), true),
                new Verifier("Spring example", started(ServiceProcess.springExample(others, PlatformTestProperties.freePort())), true),
                new Verifier("Express example", started(ServiceProcess.nodeExample(others, PlatformTestProperties.freePort())), true));
        String loadToken = auth.registerSomeone().accessToken();
        for (Verifier verifier : verifiers) {
            load.add(Thread.ofPlatform().daemon().start(() -> steadyLoad(verifier, loadToken)));
        }
    }

    private ServiceProcess started(ServiceProcess process) {
        started.add(process);
        return process.start();
    }

    @AfterAll
    void stop() throws Exception {
        loadRunning.set(false);
        for (Thread thread : load) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        System.out.printf("cross-stack revocation drill: %d of %d rounds passed at %d verifiers (%d feed cuts, %d auth-service "
                        + "restarts), %d accepted after the acknowledgement, refused after (median / slowest, rounds with the feed "
                        + "left alone) %s, load requests %d (503 while failing closed %d, wrongly refused %d), %s%n",
                completedRounds, rounds, verifiers == null ? 0 : verifiers.size(), cuts, restarts, acceptedAfterAcknowledgement,
                summary(), loadRequests.get(), loadUnavailable.get(), loadFailures.size(), passed ? "lost revocations 0" : "FAILED");
        started.forEach(ServiceProcess::stop);
        if (relay != null) {
            relay.close();
        }
        if (balancer != null) {
            balancer.close();
        }
        if (secondAuth != null) {
            secondAuth.stop();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private String summary() {
        StringBuilder text = new StringBuilder();
        refusalMillis.forEach((name, millis) -> {
            List<Long> sorted = millis.stream().sorted().toList();
            text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(sorted.get(sorted.size() / 2))
                    .append(" / ").append(sorted.getLast()).append(" ms");
        });
        return text.toString();
    }

    @Test
    void everyKindOfRevocationIsRefusedByEveryStackWhateverHappensToTheFeed() throws Exception {
        for (int round = 1; round <= rounds; round++) {
            Kind kind = Kind.values()[round % Kind.values().length];
            Victim victim = kind.prepare(auth, adminToken);
            for (Verifier verifier : verifiers) {
                int r = round;
                Poll.until(CATCH_UP, () -> verifier.name + " to accept the victim's token before round " + r,
                        () -> verifier.status(victim.token()) == 200);
            }
            if (round % 7 == 0) {
                revokeWhileAnAuthServiceInstanceIsDown(round, kind, victim);
            } else if (round % 2 == 0) {
                revokeWhileTheFeedIsCut(victim);
                awaitRefusals(round, kind, victim, true);
            } else {
                victim.revoke().run();
                awaitRefusals(round, kind, victim, false);
            }
            completedRounds++;
        }
        assertTrue(loadFailures.isEmpty(), "a valid token was refused under the drill: " + loadFailures);
        passed = true;
    }

    /** The relay drops every feed connection at a moment from 30 ms before to 30 ms after the revocation starts. */
    private void revokeWhileTheFeedIsCut(Victim victim) throws InterruptedException {
        int cutAtMicros = random.nextInt(60_000);
        Thread cutter = Thread.ofPlatform().start(() -> {
            pause(cutAtMicros);
            relay.cut();
            cuts++;
        });
        pause(30_000);
        victim.revoke().run();
        cutter.join();
    }

    /**
     * The second instance stops (the streams it served end, and resume on the first) and the revocation lands while
     * it is down; then it starts again.
     */
    private void revokeWhileAnAuthServiceInstanceIsDown(int round, Kind kind, Victim victim) {
        secondAuth.stop();
        victim.revoke().run();
        awaitRefusals(round, kind, victim, true);
        secondAuth.start();
        balancer.awaitInstance("auth", 2, true);
        restarts++;
    }

    private void awaitRefusals(int round, Kind kind, Victim victim, boolean feedDisturbed) {
        for (Verifier verifier : verifiers) {
            awaitRefusal(round, kind, verifier, victim, victim.acknowledged(), feedDisturbed && verifier.onFeed);
        }
    }

    private void awaitRefusal(int round, Kind kind, Verifier verifier, Victim victim, long acknowledged, boolean feedCut) {
        List<String> seen = new ArrayList<>();
        boolean accepted = false;
        while (true) {
            long sentAfter = System.nanoTime() - acknowledged;
            int status = verifier.status(victim.token());
            String label = status == -1 ? "no answer" : Integer.toString(status);
            if (seen.isEmpty() || !seen.getLast().startsWith(label)) {
                seen.add(label + " at " + sentAfter / 1_000_000 + " ms");
            }
            String context = "round " + round + " (" + kind + (feedCut ? ", feed cut" : "") + ") at " + verifier.name + ": " + seen;
            if (status == 401) {
                if (!feedCut) {
                    assertTrue(sentAfter <= REFUSED_WITHIN.toNanos(), "not refused within " + REFUSED_WITHIN.toMillis() + " ms, " + context);
                    refusalMillis.computeIfAbsent(verifier.name, name -> new ArrayList<>()).add(sentAfter / 1_000_000);
                }
                return;
            }
            if (status == 200) {
                assertTrue(sentAfter <= IN_FLIGHT.toNanos(), "the revoked token was accepted after the revocation had returned, " + context);
                if (!accepted) {
                    accepted = true;
                    acceptedAfterAcknowledgement++;
                }
            } else {
                assertTrue(status == 503 && feedCut, "unexpected answer, " + context);
            }
            assertTrue(sentAfter < CATCH_UP.toNanos(), "no refusal within " + CATCH_UP.toMillis() + " ms, " + context);
            pause(2_000);
        }
    }

    private void steadyLoad(Verifier verifier, String token) {
        while (loadRunning.get()) {
            int status = verifier.status(token);
            loadRequests.incrementAndGet();
            if (status == 503) {
                loadUnavailable.incrementAndGet();
            } else if (status != 200) {
                loadFailures.add(verifier.name + " answered " + status + " for a valid token");
            }
            pause(20_000);
        }
    }

    private static void pause(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A verifier under watch: one process, answering GET /api/me. */
    private record Verifier(String name, ServiceProcess process, boolean onFeed) {

        /** The HTTP status for the token, or -1 when the process does not answer. */
        int status(String token) {
            try {
                return process.api().get("/api/me", token).status();
            } catch (IllegalStateException notListening) {
                return -1;
            }
        }
    }

    /** A token about to be revoked, and the call that revokes it (which records when it returned). */
    private static final class Victim {
        private final String token;
        private final Runnable revoke;
        private volatile long acknowledged;

        Victim(String token, Runnable revoke) {
            this.token = token;
            this.revoke = () -> {
                revoke.run();
                acknowledged = System.nanoTime();
            };
        }

        String token() {
            return token;
        }

        Runnable revoke() {
            return revoke;
        }

        long acknowledged() {
            return acknowledged;
        }
    }

    private enum Kind {
        LOGOUT, LOGOUT_EVERYWHERE, DISABLED_USER, PASSWORD_CHANGE, SESSIONS_REVOKED_BY_ADMIN, DISABLED_CLIENT, TOKEN_REVOKED;

        Victim prepare(Api auth, String adminToken) {
            if (this == DISABLED_CLIENT || this == TOKEN_REVOKED) {
                return serviceVictim(auth, adminToken, this == TOKEN_REVOKED);
            }
            String email = "drill-" + UUID.randomUUID() + "@platform.test";
            Api.Response user = auth.register(email, "correct-horse-1");
            String token = user.accessToken();
            return switch (this) {
                case LOGOUT -> new Victim(token, () -> expect(204, auth.post("/auth/logout", null, token)));
                case LOGOUT_EVERYWHERE -> new Victim(token, () -> expect(204, auth.post("/auth/logout-all", null, token)));
                case DISABLED_USER -> new Victim(token,
                        () -> expect(200, auth.post("/admin/users/" + user.userId() + "/disable", null, adminToken)));
                case SESSIONS_REVOKED_BY_ADMIN -> new Victim(token,
                        () -> expect(204, auth.post("/admin/users/" + user.userId() + "/revoke-sessions", null, adminToken)));
                case PASSWORD_CHANGE -> {
                    String current = auth.login(email, "correct-horse-1").accessToken();
                    yield new Victim(token, () -> expect(204, auth.put("/auth/me/password",
                            json("currentPassword", "correct-horse-1", "newPassword", "battery-staple-2"), current)));
                }
                default -> throw new AssertionError("prepared above");
            };
        }

        /** A client_credentials token; revoked by disabling its client, or by the client itself (RFC 7009). */
        private static Victim serviceVictim(Api auth, String adminToken, boolean byRfc7009) {
            Api.Response client = auth.post("/admin/clients", json("name", "Drill service", "type", "confidential",
                    "grantTypes", List.of("client_credentials")), adminToken);
            expect(201, client);
            String id = client.string("clientId");
            String credentials = "client_id=" + id + "&client_secret=" + client.string("clientSecret");
            Api.Response token = auth.send("POST", "/oauth2/token", "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&" + credentials, null);
            expect(200, token);
            String accessToken = token.string("access_token");
            return byRfc7009
                    ? new Victim(accessToken, () -> expect(200, auth.send("POST", "/oauth2/revoke", "application/x-www-form-urlencoded",
                            "token=" + accessToken + "&" + credentials, null)))
                    : new Victim(accessToken, () -> expect(200, auth.post("/admin/clients/" + id + "/disable", null, adminToken)));
        }

        private static void expect(int status, Api.Response response) {
            assertEquals(status, response.status(), response.toString());
        }
    }
}
