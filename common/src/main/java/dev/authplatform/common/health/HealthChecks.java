package dev.authplatform.common.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.function.BooleanSupplier;

/**
 * One health component: a name, and a check that is up or down. Checks never log or carry exception details:
 * a dependency that is down is reported by its status, and by the component's own transition warnings, not by
 * a stack trace on every probe.
 */
public final class HealthChecks {

    private HealthChecks() {
    }

    /** Runs the (possibly blocking) check on the given scheduler, never on the caller's event loop. */
    public static Mono<HealthResult> blocking(String name, Scheduler scheduler, BooleanSupplier up) {
        return Mono.fromCallable(() -> result(name, safely(up)))
                .subscribeOn(scheduler);
    }

    public static HealthResult result(String name, boolean up) {
        return HealthResult.builder(name, up ? HealthStatus.UP : HealthStatus.DOWN).build();
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
