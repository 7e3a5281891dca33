package dev.authplatform.common.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where Prometheus scrapes ({@code auth.metrics.*}, on every service).
 *
 * @param path     the scrape path, {@code /metrics} by default
 * @param password when set, a scrape must send it with HTTP Basic authentication (any user name; Prometheus's
 *                 {@code basic_auth}); empty (the default) leaves the metrics open, for a network only Prometheus reaches
 */
@ConfigurationProperties("auth.metrics")
public record MetricsSettings(@Bindable(defaultValue = "/metrics") String path,
                              @Bindable(defaultValue = "") String password) {

    @Override
    public String toString() {
        return "MetricsSettings[path=" + path + ", password=" + (password.isEmpty() ? "none" : "set") + "]";
    }
}
