package dev.authplatform.common.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds Micronaut's CORS configuration from {@link CorsSettings} alone, replacing whatever else was configured: an
 * origin configuration in Micronaut left without origins allows any origin, with credentials, so an empty setting here
 * must mean no configuration at all. Calls carry bearer tokens, never cookies: credentials are not allowed, so no
 * origin can make a browser send the sign-in cookie cross-origin. Preflights are cached for an hour.
 */
@Singleton
final class CorsFromSettings implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

    private final CorsSettings settings;

    CorsFromSettings(CorsSettings settings) {
        this.settings = settings;
    }

    @Override
    public HttpServerConfiguration.CorsConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
        HttpServerConfiguration.CorsConfiguration cors = event.getBean();
        List<String> origins = settings.allowedOrigins() == null ? List.of()
                : settings.allowedOrigins().stream().map(String::strip).filter(o -> !o.isEmpty() && !"*".equals(o)).toList();
        if (origins.isEmpty()) {
            cors.setConfigurations(Map.of());
            cors.setEnabled(false);
            return cors;
        }
        List<String> allowed = new ArrayList<>(origins);
        if (settings.ownOrigin() != null && !settings.ownOrigin().isBlank()) {
            URI own = URI.create(settings.ownOrigin().strip());
            allowed.add(own.getScheme() + "://" + own.getRawAuthority()); // same-origin form posts carry an Origin too
        }
        CorsOriginConfiguration platform = new CorsOriginConfiguration();
        platform.setAllowedOrigins(List.copyOf(allowed));
        platform.setAllowedMethods(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE));
        platform.setAllowedHeaders(List.of("Authorization", "Content-Type"));
        platform.setExposedHeaders(List.of("WWW-Authenticate", "Retry-After"));
        platform.setAllowCredentials(false);
        platform.setMaxAge(3600L);
        cors.setConfigurations(Map.of("platform", platform));
        cors.setEnabled(true);
        return cors;
    }
}
