package dev.authplatform.common.lifecycle;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.graceful.GracefulShutdownConfiguration;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stopping in the order a load balancer needs ({@link ServiceLauncher}'s shutdown hook calls it): readiness turns DOWN
 * at once (component {@code draining}) while everything is still served, for {@code auth.shutdown.drain-delay}; then
 * Micronaut's graceful shutdown stops accepting connections and waits for the requests in flight (at most
 * {@code micronaut.lifecycle.graceful-shutdown.grace-period}); only then does the hook stop the server, the pools and
 * the Redis subscription.
 */
@Singleton
@Requires(property = "micronaut.lifecycle.graceful-shutdown.enabled", value = "true")
public final class DrainThenShutDown implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(DrainThenShutDown.class);

    private final GracefulShutdownManager manager;
    private final GracefulShutdownConfiguration graceful;
    private final ShutdownSettings settings;
    private volatile boolean draining;

    DrainThenShutDown(GracefulShutdownManager manager, GracefulShutdownConfiguration graceful, ShutdownSettings settings) {
        this.manager = manager;
        this.graceful = graceful;
        this.settings = settings;
    }

    void drainAndFinishInFlight() {
        draining = true;
        try {
            if (settings.drainDelay().isPositive()) {
                LOG.info("stopping: readiness is DOWN, still serving for {} ms", settings.drainDelay().toMillis());
                Thread.sleep(settings.drainDelay());
            }
            manager.shutdownGracefully().toCompletableFuture().get(graceful.getGracePeriod().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("requests still in flight after the grace period ({}): stopping anyway", graceful.getGracePeriod());
        } catch (ExecutionException e) {
            LOG.warn("graceful shutdown failed: {}", e.getCause().toString());
        }
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.just(HealthResult.builder("draining", draining ? HealthStatus.DOWN : HealthStatus.UP).build());
    }
}
