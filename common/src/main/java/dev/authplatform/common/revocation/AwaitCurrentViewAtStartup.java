package dev.authplatform.common.revocation;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Holds start-up (briefly) until the revocation view is current, so a service that reports "started" can
 * answer protected requests at once. If Redis is not there it gives up after twice the staleness bound:
 * the service then starts anyway, reports DOWN, and answers protected requests with 503 until it catches up.
 */
@Singleton
final class AwaitCurrentViewAtStartup implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AwaitCurrentViewAtStartup.class);

    private final RevocationView view;
    private final RevocationSettings settings;

    AwaitCurrentViewAtStartup(RevocationView view, RevocationSettings settings) {
        this.view = view;
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        long deadline = System.nanoTime() + settings.stalenessBound().multipliedBy(2).toNanos();
        while (view.unavailableReason().isPresent() && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        view.unavailableReason().ifPresent(reason -> LOG.warn("started with a revocation view that is not current: {}", reason));
    }
}
