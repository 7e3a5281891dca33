package dev.authplatform.common.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * The proxies in front of a service ({@code auth.proxies.*}, on every service).
 *
 * @param trusted addresses or CIDR ranges ({@code 10.0.0.0/8}) of the load balancers and proxies whose
 *                {@code Forwarded} / {@code X-Forwarded-For} headers name the real client (for throttling, the audit
 *                trail and logs) and whose {@code X-Request-Id} is kept; from anyone else those headers are ignored.
 *                None are trusted by default.
 */
@ConfigurationProperties("auth.proxies")
public record ProxySettings(@Bindable(defaultValue = "") List<String> trusted) {
}
