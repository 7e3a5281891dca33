package dev.authplatform.common.health;

import dev.authplatform.common.revocation.RedisLink;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import io.micronaut.context.annotation.Requires;
import dev.authplatform.common.revocation.RevocationView;
import org.reactivestreams.Publisher;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.ExecutorService;

/** {@code redis}: the platform's Redis answers a PING. */
@Singleton
@Readiness
// a service on the feed needs no Redis at all: its health must not depend on one
@Requires(property = RevocationView.SOURCE_PROPERTY, value = RevocationView.SOURCE_REDIS, defaultValue = RevocationView.SOURCE_REDIS)
public class RedisHealthIndicator implements DependencyHealthIndicator {

    private final RedisLink redis;
    private final Scheduler blocking;

    RedisHealthIndicator(RedisLink redis, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.redis = redis;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return HealthChecks.blocking("redis", blocking, redis::ping);
    }
}
