package dev.authplatform.common.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How a service stops ({@code auth.shutdown.*}, on every service).
 *
 * @param drainDelay how long readiness answers 503 while the service still serves, after SIGTERM and before it stops
 *                   accepting connections: long enough for the load balancer's health checks to take it out (HAProxy
 *                   checking every 500 ms, down after two failures: 1.5 s). 0 by default: on Kubernetes the pod's
 *                   preStop pause does this instead
 */
@ConfigurationProperties("auth.shutdown")
public record ShutdownSettings(@Bindable(defaultValue = "0s") Duration drainDelay) {
}
