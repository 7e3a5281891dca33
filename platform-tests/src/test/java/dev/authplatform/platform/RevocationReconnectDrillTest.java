package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.PlatformTestProperties;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
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

/**
 * Issue 10 from the outside: the packaged services as processes, under a steady load, while the verifiers'
 * subscriptions to the revocation channel are cut at varied moments around every kind of revocation (logout, logout
 * everywhere, disabled user, password change, sessions revoked by an admin, disabled client), and while a verifier is
 * restarting.
 *
 * <p>Two verifiers are watched: resource-service, and a second auth-service instance that never makes the
 * revocations itself, so that auth-service's own view is held to the same rule. After each revocation returns:
 * <ul>
 *   <li>a 200 for the revoked token is allowed only for a request sent within {@link #IN_FLIGHT} of the
 *       acknowledgement (the announcement is published before it, and may still be on its way: see
 *       RevocationRaceDrillTest for the exact rule); never later;</li>
 *   <li>each verifier answers 401 within {@link #CATCH_UP}, with 503 in between only while it catches up;</li>
 *   <li>the load's valid token is never refused with 401 (no revocation hits the wrong token).</li>
 * </ul>
 * {@code ./mvnw verify} runs {@value #DEFAULT_ROUNDS} rounds; {@code -Drevocation.drill.platformRounds=N} runs more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationReconnectDrillTest {

    private static final int DEFAULT_ROUNDS = 40;
    private static final Duration IN_FLIGHT = Duration.ofMillis(500);
    private static final Duration CATCH_UP = Duration.ofSeconds(15);
    /** The drill is about revocation, not hashing: cheap Argon2 keeps each round short. */
    private static final Map<String, String> CHEAP_HASHING = Map.of("AUTH_PASSWORD_MEMORY_KIB", "1024", "AUTH_PASSWORD_ITERATIONS", "1");

    private final int rounds = Integer.getInteger("revocation.drill.platformRounds", DEFAULT_ROUNDS);
    private final Random random = new Random(Long.getLong("revocation.drill.seed", System.nanoTime()));

    private Platform platform;
    private ServiceProcess secondAuth;
    private RevocationSubscriptions subscriptions;
    private Api auth;
    private String adminToken;
    private List<Verifier> verifiers;

    private final AtomicBoolean loadRunning = new AtomicBoolean(true);
    private final AtomicInteger loadRequests = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> loadFailures = new ConcurrentLinkedQueue<>();
    private final List<Thread> load = new ArrayList<>();
    private volatile boolean restarting;

    private int completedRounds;
    private boolean passed;
    private int kills;
    private int restarts;
    private int acceptedAfterAcknowledgement;
    private long longestAcceptanceMillis;
    private long longestCatchUpMillis;

    @BeforeAll
    void start() {
        platform = new Platform(dev.authplatform.common.testing.TestInfrastructure.get().redisUri(), CHEAP_HASHING).start();
        secondAuth = platform.newAuthService(CHEAP_HASHING, PlatformTestProperties.freePort()).start();
        subscriptions = new RevocationSubscriptions(platform.redisUri, platform.namespace);
        auth = platform.authApi();
        adminToken = platform.adminToken();
        verifiers = List.of(
                new Verifier("resource-service", platform.resource, "/api/me"),
                new Verifier("auth-service (second instance)", secondAuth, "/auth/me"));
        String loadToken = auth.registerSomeone().accessToken();
        for (Verifier verifier : verifiers) {
            load.add(Thread.ofPlatform().daemon().start(() -> steadyLoad(verifier, loadToken)));
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        loadRunning.set(false);
        for (Thread thread : load) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        System.out.printf("revocation reconnect drill: %d of %d rounds passed (%d during a restart), %d subscription kills, "
                        + "%d revocations checked at 2 verifiers, %d accepted after the acknowledgement (longest %d ms after it), "
                        + "longest catch-up %d ms, load requests %d (wrongly refused %d), %s%n",
                completedRounds, rounds, restarts, kills, completedRounds, acceptedAfterAcknowledgement, longestAcceptanceMillis,
                longestCatchUpMillis, loadRequests.get(), loadFailures.size(), passed ? "lost revocations 0" : "FAILED");
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (secondAuth != null) {
            secondAuth.stop();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyKindOfRevocationIsRefusedByEveryVerifierWhateverTheSubscriptionKillTiming() throws Exception {
        for (int round = 1; round <= rounds; round++) {
            Kind kind = Kind.values()[round % Kind.values().length]; // each kind in every run; the timing is what varies
            Victim victim = kind.prepare(auth, adminToken);
            if (round % 15 == 0) {
                revokeWhileResourceServiceRestarts(round, kind, victim);
            } else {
                revokeWhileSubscriptionsAreCut(round, kind, victim);
            }
            completedRounds++;
        }
        assertTrue(kills >= rounds, "too few subscriptions were cut for the drill to mean anything: " + kills);
        assertTrue(loadFailures.isEmpty(), "a valid token was refused or failed under the drill: " + loadFailures);
        passed = true;
    }

    private void revokeWhileSubscriptionsAreCut(int round, Kind kind, Victim victim) throws Exception {
        for (Verifier verifier : verifiers) {
            Poll.until(CATCH_UP, verifier.name + " to accept the victim's token before round " + round,
                    () -> verifier.status(victim.token()) == verifier.accepted(victim));
        }
        List<Verifier> cut = switch (random.nextInt(3)) {
            case 0 -> List.of(verifiers.get(0));
            case 1 -> List.of(verifiers.get(1));
            default -> verifiers;
        };
        int killAtMicros = random.nextInt(60_000); // the revocation starts at 30 ms: cuts land before, during and after it
        Thread killer = Thread.ofPlatform().start(() -> {
            pause(killAtMicros);
            for (Verifier verifier : cut) {
                kills += subscriptions.kill(verifier.subscriptionName());
            }
        });
        pause(30_000);
        victim.revoke().run();
        long acknowledged = System.nanoTime();
        killer.join();
        for (Verifier verifier : verifiers) {
            awaitRefusal(round, kind, verifier, victim, acknowledged);
        }
    }

    /** The first moments of a verifier's life: its subscription is cut as soon as it appears, and a revocation lands meanwhile. */
    private void revokeWhileResourceServiceRestarts(int round, Kind kind, Victim victim) throws Exception {
        Verifier resource = verifiers.get(0);
        restarting = true;
        resource.process.stop();
        resource.process.start(false);
        restarts++;
        long started = System.nanoTime();
        Poll.until(Duration.ofSeconds(60), "the restarted resource-service to subscribe",
                () -> subscriptions.isSubscribed(resource.subscriptionName()));
        pause(random.nextInt(200_000));
        kills += subscriptions.kill(resource.subscriptionName());
        victim.revoke().run();
        long acknowledged = System.nanoTime();
        pause(random.nextInt(50_000));
        kills += subscriptions.kill(resource.subscriptionName());
        resource.process.awaitHealthy();
        restarting = false;
        for (Verifier verifier : verifiers) {
            awaitRefusal(round, kind, verifier, victim, acknowledged);
        }
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(120));
    }

    private void awaitRefusal(int round, Kind kind, Verifier verifier, Victim victim, long acknowledged) {
        String token = victim.token();
        int acceptedStatus = verifier.accepted(victim);
        List<String> seen = new ArrayList<>();
        boolean accepted = false;
        while (true) {
            long sentAfter = System.nanoTime() - acknowledged;
            int status = verifier.status(token);
            String label = status == -1 ? "no answer" : Integer.toString(status);
            if (seen.isEmpty() || !seen.getLast().startsWith(label)) {
                seen.add(label + " at " + sentAfter / 1_000_000 + " ms");
            }
            if (status == 401) {
                longestCatchUpMillis = Math.max(longestCatchUpMillis, sentAfter / 1_000_000);
                return;
            }
            String context = "round " + round + " (" + kind + ") at " + verifier.name + ": " + seen;
            if (status == acceptedStatus) {
                assertTrue(sentAfter <= IN_FLIGHT.toNanos(), "the revoked token was accepted after the revocation had returned, " + context);
                if (!accepted) {
                    accepted = true;
                    acceptedAfterAcknowledgement++;
                }
                longestAcceptanceMillis = Math.max(longestAcceptanceMillis, sentAfter / 1_000_000);
            } else {
                assertTrue(status == 503 || status == -1, "unexpected answer, " + context);
            }
            assertTrue(sentAfter < CATCH_UP.toNanos(), "no refusal within " + CATCH_UP.toMillis() + " ms, " + context);
            pause(2_000);
        }
    }

    private void steadyLoad(Verifier verifier, String token) {
        while (loadRunning.get()) {
            int status = verifier.status(token);
            loadRequests.incrementAndGet();
            boolean fine = status == 200 || status == 503 || (status == -1 && restarting);
            if (!fine) {
                loadFailures.add(verifier.name + " answered " + status + " for a valid token");
            }
            pause(1_000);
        }
    }

    private static void pause(long micros) {
        try {
            TimeUnit.MICROSECONDS.sleep(micros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A verifier under watch: one service process and the protected route it checks tokens on. */
    private final class Verifier {
        final String name;
        final ServiceProcess process;
        final String path;

        Verifier(String name, ServiceProcess process, String path) {
            this.name = name;
            this.process = process;
            this.path = path;
        }

        /**
         * The answer that means "this token is good": 200, but 403 for a service's token at auth-service's /auth/me,
         * which needs a signed-in user (a revoked service token gets 401 there like any other).
         */
        int accepted(Victim victim) {
            return victim.service() && path.equals("/auth/me") ? 403 : 200;
        }

        String subscriptionName() {
            return subscriptions.nameOf(path.startsWith("/api") ? "resource-service" : "auth-service", process.port());
        }

        /** The HTTP status for the token, or -1 when the process does not answer (restarting). */
        int status(String token) {
            try {
                return process.api().get(path, token).status();
            } catch (IllegalStateException notListening) {
                return -1;
            }
        }
    }

    /** A token about to be revoked, the call that revokes it, and whether it is a service's own (no user behind it). */
    private record Victim(String token, Runnable revoke, boolean service) {

        Victim(String token, Runnable revoke) {
            this(token, revoke, false);
        }
    }

    private enum Kind {
        LOGOUT, LOGOUT_EVERYWHERE, DISABLED_USER, PASSWORD_CHANGE, SESSIONS_REVOKED_BY_ADMIN, DISABLED_CLIENT;

        Victim prepare(Api auth, String adminToken) {
            String email = "drill-" + UUID.randomUUID() + "@platform.test";
            if (this == DISABLED_CLIENT) {
                return serviceVictim(auth, adminToken);
            }
            Api.Response user = auth.register(email, "correct-horse-1");
            String token = user.accessToken();
            return switch (this) {
                case DISABLED_CLIENT -> throw new AssertionError("prepared above");
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
            };
        }

        /** A client_credentials token; the revocation disables its client. */
        private static Victim serviceVictim(Api auth, String adminToken) {
            Api.Response client = auth.post("/admin/clients", json("name", "Drill service", "type", "confidential",
                    "grantTypes", List.of("client_credentials")), adminToken);
            expect(201, client);
            String id = client.string("clientId");
            Api.Response token = auth.send("POST", "/oauth2/token", "application/x-www-form-urlencoded",
                    "grant_type=client_credentials&client_id=" + id + "&client_secret=" + client.string("clientSecret"), null);
            expect(200, token);
            return new Victim(token.string("access_token"), () -> expect(200, auth.post("/admin/clients/" + id + "/disable", null, adminToken)), true);
        }

        private static void expect(int status, Api.Response response) {
            assertEquals(status, response.status(), response.toString());
        }
    }
}
