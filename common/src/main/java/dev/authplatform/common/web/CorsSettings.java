package dev.authplatform.common.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Browsers on other origins ({@code auth.cors.*}, on every service).
 *
 * @param allowedOrigins exact origins ({@code https://app.example.com}) whose pages may call this service; empty (the
 *                       default) allows no cross-origin call at all
 * @param ownOrigin      the service's own public URL, when it serves pages that post forms to itself (auth-service's
 *                       sign-in page): browsers send an Origin header on such posts, and the CORS filter would refuse it
 */
@ConfigurationProperties("auth.cors")
public record CorsSettings(@Bindable(defaultValue = "") List<String> allowedOrigins, @Nullable String ownOrigin) {
}
