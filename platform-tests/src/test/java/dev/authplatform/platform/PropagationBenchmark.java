package dev.authplatform.platform;

import dev.authplatform.common.testing.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures how long a revocation takes to reach another verifier: from the moment {@code POST /auth/logout}
 * returns to the first request that resource-service refuses with 401, polling as fast as one client can.
 * Not part of the normal test run; it prints its figures. Run it with:
 * <pre>./mvnw -B -DskipTests install &amp;&amp; ./mvnw -B -pl platform-tests verify -Dtest=PropagationBenchmark -Dplatform.excludedGroups=none</pre>
 * The figure includes one HTTP round trip to resource-service: the first request after the logout is the one timed.
 */
@Tag("benchmark")
class PropagationBenchmark {

    private static final int REVOCATIONS = Integer.getInteger("benchmark.revocations", 200);

    @Test
    void revocationPropagationDelay() {
        try (Platform platform = new Platform().start()) {
            Api auth = platform.authApi();
            Api resource = platform.resourceApi();
            String email = "bench-" + UUID.randomUUID() + "@platform.test";
            auth.register(email, "correct-horse-1");
            List<Long> micros = new ArrayList<>();
            int polls = 0;
            for (int i = 0; i < REVOCATIONS + 10; i++) {
                String token = auth.login(email, "correct-horse-1").accessToken();
                assertEquals(200, resource.get("/api/me", token).status());
                assertEquals(204, auth.post("/auth/logout", null, token).status());
                long returned = System.nanoTime();
                while (resource.get("/api/me", token).status() != 401) {
                    polls++;
                }
                if (i >= 10) { // the first ten warm both JVMs up
                    micros.add((System.nanoTime() - returned) / 1_000);
                }
            }
            Collections.sort(micros);
            System.out.printf("revocation propagation, %d revocations: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                            + " requests answered 200 after logout returned: %d%n",
                    micros.size(), at(micros, 0.50), at(micros, 0.90), at(micros, 0.99), micros.getLast() / 1000.0, polls);
        }
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1000.0;
    }
}
