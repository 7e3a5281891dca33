package dev.authplatform.common.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Request ids ({@code auth.request-id.*}, on every service). {@code auth.proxies.trusted} ({@link ProxySettings}) is
 * the newer name for the same trust, and covers the client address too.
 *
 * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}) of the proxies whose {@code X-Request-Id}
 *                       is taken as the request's id; from anyone else the header is ignored and a new id is made
 *                       (none are trusted by default)
 */
@ConfigurationProperties("auth.request-id")
public record RequestIdSettings(@Bindable(defaultValue = "") List<String> trustedProxies) {
}
