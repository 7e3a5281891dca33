package dev.authplatform.common.health;

import dev.authplatform.common.verify.JwksKeySource;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * {@code jwks}: the issuer's signing keys are known. Keys fetched earlier keep it up while the issuer is down:
 * tokens still verify. Only where keys come from a JWKS (auth-service holds its own).
 */
@Singleton
@Readiness
@Requires(beans = JwksKeySource.class)
public class JwksHealthIndicator implements DependencyHealthIndicator {

    private final JwksKeySource keys;

    JwksHealthIndicator(JwksKeySource keys) {
        this.keys = keys;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromSupplier(() -> HealthChecks.result("jwks", keys.hasKeys()));
    }
}
