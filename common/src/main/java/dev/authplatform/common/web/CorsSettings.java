package dev.authplatform.common.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Browsers on other origins ({@code auth.cors.*}, on every service).
 *
 * @param allowedOrigins exact origins ({@code https://app.example.com}) whose pages may call this service; empty (the
 *                       default) allows no cross-origin call at all
 */
@ConfigurationProperties("auth.cors")
public record CorsSettings(@Bindable(defaultValue = "") List<String> allowedOrigins) {
}
