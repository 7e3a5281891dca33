package dev.authplatform.common.health;

import dev.authplatform.common.revocation.RevocationView;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code revocation}: the revocation view vouches for being current. While it does not, protected requests get
 * 503, so the instance is not ready for traffic.
 */
@Singleton
@Readiness
public class RevocationHealthIndicator implements DependencyHealthIndicator {

    private final RevocationView revocations;

    RevocationHealthIndicator(RevocationView revocations) {
        this.revocations = revocations;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromSupplier(() -> HealthChecks.result("revocation", revocations.unavailableReason().isEmpty()));
    }
}
