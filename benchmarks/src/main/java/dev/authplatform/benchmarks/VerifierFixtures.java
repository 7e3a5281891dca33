package dev.authplatform.benchmarks;

import dev.authplatform.common.revocation.RedisLink;
import dev.authplatform.common.revocation.RedisRevocationView;
import dev.authplatform.common.revocation.RevocationKeys;
import dev.authplatform.common.verify.SigningKeys;
import dev.authplatform.common.verify.VerificationKey;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** What the verifier benchmarks set up alike: one known signing key, and a revocation view that vouches for itself. */
final class VerifierFixtures {

    private VerifierFixtures() {
    }

    /** The issuer's keys as a verifier sees them once the JWKS is loaded: this one key. */
    static SigningKeys oneKey(VerificationKey key) {
        return new SigningKeys() {
            @Override
            public CompletionStage<Optional<VerificationKey>> find(String kid) {
                return CompletableFuture.completedFuture(Optional.of(key).filter(k -> k.kid().equals(kid)));
            }

            @Override
            public boolean hasKeys() {
                return true;
            }
        };
    }

    /** What auth-service's re-seeder does at start: mark the store seeded, so that the view vouches for itself. */
    static void seedStore(RedisLink redis, RedisRevocationView view) {
        redis.await(c -> c.hset(view.keys().state(), RevocationKeys.GENERATION_FIELD, UUID.randomUUID().toString()));
    }

    /** Waits until the view is current, as a service does before it serves. */
    static void awaitCurrent(RedisRevocationView view) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (view.unavailableReason().isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the revocation view did not become current: " + view.unavailableReason().get());
            }
            Thread.sleep(50);
        }
    }

    /** Removes the benchmark's namespace from Redis and closes the view and the link. */
    static void close(RedisLink redis, RedisRevocationView view) {
        redis.await(c -> c.del(view.keys().state()));
        view.close();
        redis.close();
    }
}
