package dev.authplatform.common.revocation;

import dev.authplatform.common.testing.NamedRedisConnections;
import dev.authplatform.common.testing.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A view whose subscription dropped and came back vouches for itself again only once its own probe has come back over
 * the new subscription, and it sends that probe as soon as it has caught up. Vouching on a probe heard before the drop
 * let a view that recovered within the staleness bound lapse into 503s again when that probe aged out.
 */
class RevocationViewResubscriptionTest {

    /** Far longer than the test: no scheduled probe (nor staleness) falls between the drop and the checks. */
    private final RevocationSettings settings = new RevocationSettings(TestInfrastructure.get().newNamespace(),
            Duration.ofSeconds(60), Duration.ofSeconds(20));
    private final RedisClient client = RedisClientOptions.configure(RedisClient.create(TestInfrastructure.get().redisUri()));
    private final StatefulRedisConnection<String, String> admin = client.connect();
    private final RedisLink link = new RedisLink(client);
    private final String name = "resubscription." + settings.namespace();
    private RedisRevocationView view;

    @AfterEach
    void close() {
        if (view != null) {
            view.close();
        }
        admin.sync().del(new RevocationKeys(settings.namespace()).state());
        link.close();
        admin.close();
        client.shutdown();
    }

    @Test
    void aReSubscribedViewIsConfirmedByAProbeHeardOverTheNewSubscription() throws Exception {
        RedisCommands<String, String> redis = admin.sync();
        redis.hset(new RevocationKeys(settings.namespace()).state(), RevocationKeys.GENERATION_FIELD, UUID.randomUUID().toString());
        view = new RedisRevocationView(link, settings, name);
        awaitCurrent(Duration.ofSeconds(10));
        TimeUnit.MILLISECONDS.sleep(1_500); // the start's probe is now well older than the drop to come
        long reloadsBefore = view.reloads();

        long droppedAt = System.nanoTime();
        assertEquals(1, NamedRedisConnections.kill(redis, name), "the view's subscription was found and dropped");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // a quarter of the probe interval
        while (view.reloads() == reloadsBefore || view.unavailableReason().isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the view did not recover within 5 s: " + view.unavailableReason());
            TimeUnit.MILLISECONDS.sleep(1);
        }

        double sinceDrop = (System.nanoTime() - droppedAt) / 1e9;
        assertTrue(view.secondsSinceConfirmed() < sinceDrop, "confirmed " + view.secondsSinceConfirmed()
                + " s ago, before the subscription dropped " + sinceDrop + " s ago");
    }

    private void awaitCurrent(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (view.unavailableReason().isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the view is not current: " + view.unavailableReason());
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

}
