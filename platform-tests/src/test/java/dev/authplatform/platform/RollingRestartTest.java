package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.time.Duration;
import java.util.UUID;

import static dev.authplatform.common.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A rolling restart under load: with logins, refreshes and {@code /api/me} running through HAProxy, an instance of
 * each service in turn is stopped with SIGTERM (readiness turns DOWN while it still serves, then it stops accepting
 * connections and finishes what is in flight) and started again; not one request may fail. Then one instance is killed with SIGKILL: what fails is
 * counted, and nothing is lost (every logout answered is still refused everywhere, no used refresh token is usable).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollingRestartTest {

    private TwoOfEach scaled;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Files.isExecutable(LoadBalancer.HAPROXY), "Debian's haproxy is not installed here (.ci/run installs it)");
        scaled = new TwoOfEach();
    }

    @AfterAll
    void stop() throws Exception {
        if (scaled != null) {
            scaled.close();
        }
    }

    @Test
    void anInstanceOfEachServiceRestartedInTurnUnderLoadFailsNoRequest() throws Exception {
        String email = "rolling-" + UUID.randomUUID() + "@platform.test";
        assertEquals(201, scaled.balancer.api("auth").register(email, "correct-horse-1").status());
        LoadThroughBalancer load = new LoadThroughBalancer(() -> scaled.balancer.api("auth"), () -> scaled.balancer.api("resource"),
                email, "correct-horse-1", 2, 2);
        try {
            // one instance of each (the other auth-service instance is killed in the next test; bench/soak restarts
            // every instance, with SIGTERM and SIGKILL, for as long as it is asked to)
            restartInTurn("auth", scaled.auths.get(1), 2);
            restartInTurn("resource", scaled.resources.get(0), 1);
        } finally {
            load.close();
        }
        System.out.println("RollingRestartTest: 2 instances restarted one by one under load: " + load.summary());

        assertEquals(0, load.failed.get(), load.summary());
        assertEquals(true, load.logins.get() > 0 && load.refreshes.get() > 0 && load.reads.get() > 0, load.summary());
        for (String used : load.usedRefreshTokens.stream().limit(50).toList()) {
            Api.Response again = scaled.auth(0).post("/auth/refresh", json("refreshToken", used));
            assertEquals(401, again.status(), "a refresh token used during the restarts is used up: " + again);
        }
    }

    @Test
    void anInstanceKilledUnderLoadLosesNothing() throws Exception {
        String email = "killed-" + UUID.randomUUID() + "@platform.test";
        assertEquals(201, scaled.balancer.api("auth").register(email, "correct-horse-1").status());
        LoadThroughBalancer load = new LoadThroughBalancer(() -> scaled.balancer.api("auth"), () -> scaled.balancer.api("resource"),
                email, "correct-horse-1", 2, 2);
        try {
            Thread.sleep(2000);
            scaled.auths.get(0).kill(); // SIGKILL: no graceful anything
            scaled.balancer.awaitInstance("auth", 1, false);
            Thread.sleep(1000);
            scaled.auths.get(0).start();
            scaled.balancer.awaitInstance("auth", 1, true);
            Thread.sleep(1000);
        } finally {
            load.close();
        }
        System.out.println("RollingRestartTest: auth-service 1 killed with SIGKILL under load: " + load.summary()
                + "; logouts checked " + load.loggedOutTokens.size() + ", used refresh tokens checked " + load.usedRefreshTokens.size());

        for (String loggedOut : load.loggedOutTokens) {
            for (int instance = 0; instance < 2; instance++) {
                Api.Response me = scaled.resource(instance).get("/api/me", loggedOut);
                assertEquals(401, me.status(), "a logout answered 204 is never forgotten: " + me);
            }
        }
        for (String used : load.usedRefreshTokens) {
            Api.Response again = scaled.auth(1).post("/auth/refresh", json("refreshToken", used));
            assertEquals(401, again.status(), "no refresh token is both used and usable: " + again);
        }
        assertEquals(200, scaled.balancer.api("auth").login(email, "correct-horse-1").status(), "and the platform serves on");
    }

    private void restartInTurn(String frontend, ServiceProcess instance, int server) {
        System.out.println(java.time.LocalTime.now() + " SIGTERM " + frontend + server);
        instance.terminate(); // SIGTERM
        Api direct = instance.api();
        Poll.until(Duration.ofSeconds(5), "readiness to turn DOWN first", () -> direct.get("/health/readiness").status() == 503);
        assertEquals(200, direct.get("/health/liveness").status(), "while it still serves (auth.shutdown.drain-delay)");
        scaled.balancer.awaitInstance(frontend, server, false);
        System.out.println(java.time.LocalTime.now() + " out of HAProxy " + frontend + server);
        instance.stop(); // waits for the end of the graceful shutdown
        System.out.println(java.time.LocalTime.now() + " exited " + frontend + server);
        instance.start();
        scaled.balancer.awaitInstance(frontend, server, true);
        System.out.println(java.time.LocalTime.now() + " back in HAProxy " + frontend + server);
    }
}
