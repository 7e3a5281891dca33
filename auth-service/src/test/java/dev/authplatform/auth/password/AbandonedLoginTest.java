package dev.authplatform.auth.password;

import dev.authplatform.auth.support.AuthServiceTest;
import dev.authplatform.common.testing.Api;
import dev.authplatform.common.testing.Poll;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A login whose client closes the connection while its password check still waits in the hashing queue is dropped,
 * not hashed, and leaves the queue at once: one hashing thread, slow hashes, a first login holding the thread, a
 * second one queued behind it and abandoned by its client.
 */
@MicronautTest(transactional = false)
class AbandonedLoginTest extends AuthServiceTest {

    @Override
    protected Map<String, String> extraProperties() {
        // 256 MiB, t=8: each hash takes long enough (seconds, natively too) for the second login to queue and be abandoned behind it
        return Map.of("auth.password.threads", "1", "auth.password.queue", "4",
                "auth.password.memory-kib", "262144", "auth.password.iterations", "8");
    }

    @Test
    void aQueuedLoginWhoseClientLeftIsNotHashedAndFreesItsPlaceAtOnce() throws Exception {
        String login = Api.json("email", "nobody@platform.test", "password", "wrong-horse-1");
        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> api().post("/auth/login", login));
        Poll.until(Duration.ofSeconds(10), "the first check to hold the hashing thread", () -> metric("executor_active_threads") == 1);

        try (Socket second = new Socket("127.0.0.1", server.getPort())) {
            OutputStream out = second.getOutputStream();
            out.write(("POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + login.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + login).getBytes(StandardCharsets.UTF_8));
            out.flush();
            Poll.until(Duration.ofSeconds(5), "the second check to queue", () -> metric("executor_queued_tasks") == 1);
        } // the second client leaves while its check waits

        // its place is free while the first hash still runs: the queue's bound counts only clients still waiting
        Poll.until(Duration.ofSeconds(5), "the abandoned check to leave the queue",
                () -> metric("authplatform_password_hashing_abandoned_total") == 1);
        assertEquals(0, metric("executor_queued_tasks"));
        assertEquals(1, metric("executor_active_threads"), "the first hash is still running");
        assertEquals(401, first.join().status(), "the first login is answered as usual");
        assertEquals(1, metric("authplatform_password_hashing_abandoned_total"), "dropped once, never hashed");
    }

    /** A password-hashing meter's value from /metrics. */
    private double metric(String name) {
        for (String line : api().get("/metrics").body().split("\n")) {
            if (line.startsWith(name + "{") && (line.contains("name=\"password_hashing\"") || name.startsWith("authplatform"))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }
}
