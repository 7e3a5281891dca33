package dev.authplatform.spring;

import dev.authplatform.revocation.RevocationLookup;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Makes an {@link HttpSecurity} a resource server for the platform's tokens: the starter's decoder, {@code roles}
 * as {@code ROLE_*} and {@code scope} as {@code SCOPE_*} authorities (so {@code hasRole("admin")} and
 * {@code hasAuthority("SCOPE_reports:read")} work), RFC 6750 answers, no session, and 503 while revocations are not
 * current. A service with its own {@code SecurityFilterChain} calls {@link #applyTo} in it.
 */
public final class AuthPlatformSecurity {

    private final JwtDecoder decoder;
    private final RevocationLookup revocations;

    AuthPlatformSecurity(JwtDecoder decoder, RevocationLookup revocations) {
        this.decoder = decoder;
        this.revocations = revocations;
    }

    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        return http
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication())))
                .addFilterBefore(new RevocationUnavailableFilter(revocations), BearerTokenAuthenticationFilter.class)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()); // bearer tokens only: no cookie a forged request could ride on
    }

    /** Roles and scopes of a verified token as authorities; the principal's name is its {@code sub}. */
    public static JwtAuthenticationConverter authentication() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(AuthPlatformSecurity::authorities);
        converter.setPrincipalClaimName("sub");
        return converter;
    }

    static Collection<GrantedAuthority> authorities(Jwt token) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = token.getClaimAsStringList("roles");
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        }
        String scope = token.getClaimAsString("scope");
        if (scope != null && !scope.isBlank()) {
            for (String each : scope.split(" ")) {
                authorities.add(new SimpleGrantedAuthority("SCOPE_" + each));
            }
        }
        return authorities;
    }
}
