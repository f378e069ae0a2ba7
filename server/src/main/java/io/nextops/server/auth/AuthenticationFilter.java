package io.nextops.server.auth;

import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.server.http.ApiErrorFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Set;

/**
 * On {@code /api/*}: every request needs {@code Authorization: Bearer <access token>} of an active user, except the
 * open paths (health, the token endpoints, the schema). The {@link Caller} goes on the request under
 * {@link Caller#ATTRIBUTE}; a failure is answered 401 with the error envelope here. A path that no servlet serves
 * passes through to its 404 (as Django resolves URLs before authenticating): the default servlet serves no data.
 * Thread-safe.
 */
final class AuthenticationFilter implements Filter {
    static final Set<String> OPEN_PATHS = Set.of(
            "/api/health/", "/api/health",
            "/api/token/", "/api/token",
            "/api/token/refresh/", "/api/token/refresh",
            "/api/schema/", "/api/schema");

    private final Authentication auth;

    AuthenticationFilter(Authentication auth) {
        this.auth = auth;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (isOpen(request)) {
            chain.doFilter(req, resp);
            return;
        }
        Caller caller;
        try {
            caller = auth.authenticate(request.getHeader("Authorization"));
        } catch (ApiException e) {
            ApiErrorFilter.respond((HttpServletResponse) resp, e);
            return;
        }
        request.setAttribute(Caller.ATTRIBUTE, caller);
        chain.doFilter(req, resp);
    }

    static boolean isOpen(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (OPEN_PATHS.contains(path)) {
            return true;
        }
        return request.getHttpServletMapping() != null
                && request.getHttpServletMapping().getMappingMatch() == MappingMatch.DEFAULT;
    }
}
