package dev.authplatform.common.connection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Bounds on how slowly a client may send ({@code auth.connections.*}), so that slow or silent connections cannot hold
 * the server's sockets: Micronaut's own idle timeouts close a connection that does nothing, but a client that sends one
 * byte every few seconds is never idle.
 *
 * @param requestReadTimeout from a connection's opening, or from the first byte of each further request on it, until
 *                           the whole request (line, headers and body) has arrived; past it the connection is closed
 */
@ConfigurationProperties("auth.connections")
public record ConnectionSettings(@Bindable(defaultValue = "10s") Duration requestReadTimeout) {
}
