package dev.authplatform.spring;

import dev.authplatform.revocation.RevocationLookup;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Fails closed: while the revocation view cannot show it is current (the feed lost for longer than the staleness
 * bound, or not loaded yet), a request that carries a bearer token gets 503 with {@code Retry-After}, never an
 * answer that may let a revoked token through.
 */
final class RevocationUnavailableFilter extends OncePerRequestFilter {

    private final RevocationLookup revocations;

    RevocationUnavailableFilter(RevocationLookup revocations) {
        this.revocations = revocations;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        Optional<String> unavailable = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? revocations.unavailableReason() : Optional.empty();
        if (unavailable.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"Tokens cannot be verified right now; retry shortly.\"}");
    }
}
