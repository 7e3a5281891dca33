package dev.authplatform.common.revocation;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.util.concurrent.atomic.LongAdder;

/**
 * The revocation view as an operator watches it: whether it vouches for itself, how long since its channel was last
 * confirmed (staleness; protected requests get 503 beyond {@code auth.revocation.staleness-bound}), how long the
 * channel takes to deliver (lag), and what it heard.
 */
@Context
class RevocationViewMetrics {

    RevocationViewMetrics(RevocationView view, MeterRegistry meters) {
        Gauge.builder("authplatform.revocation.view.current", view, v -> v.unavailableReason().isEmpty() ? 1 : 0)
                .description("1 while the revocation view vouches for being current, else 0 (protected requests get 503)")
                .register(meters);
        Gauge.builder("authplatform.revocation.view.staleness", view, RevocationView::secondsSinceConfirmed)
                .baseUnit("seconds").description("Time since this view's own probe last came back over the revocation channel")
                .register(meters);
        Gauge.builder("authplatform.revocation.channel.lag", view, RevocationView::channelLagSeconds)
                .baseUnit("seconds").description("Publish-to-delivery time of the last probe on the revocation channel")
                .register(meters);
        FunctionCounter.builder("authplatform.revocation.view.reloads", view, RevocationView::reloads)
                .description("Full reloads of the revocation view (start, re-subscription, a gap in the sequence)")
                .register(meters);
        view.heardByKind().forEach((kind, count) -> FunctionCounter.builder("authplatform.revocation.heard", count, LongAdder::sum)
                .tag("kind", kind).description("Revocations heard on the channel, by kind").register(meters));
    }
}
