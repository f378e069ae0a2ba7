package io.nextops.server.auth;

import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import io.nextops.web.ErrorWriter;
import io.nextops.web.route.Access;
import io.nextops.web.route.Route;
import io.nextops.web.route.RouteTable;
import io.nextops.web.route.RouteServlet;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Applies each route's {@link Access} from the route table, before the route runs: OPEN passes; AUTHENTICATED needs
 * {@code Authorization: Bearer <access token>} of an active user, whose {@link Caller} goes on the request under
 * {@link Caller#ATTRIBUTE}; MANAGER also needs the role admin or jefe_operaciones (403 otherwise); METRICS needs
 * loopback or the metrics token (403); OPERATOR passes what METRICS passes, and otherwise needs an {@code admin}'s
 * access token (401 without a valid one, 403 for another role). A path that exists with other methods is authenticated first (401 before 405,
 * as DRF does); a path no route serves passes through to its 404. Failures are answered with the error envelope here.
 * Thread-safe.
 */
final class RouteAccessFilter implements Filter {
    private final Authentication auth;
    private final RouteTable routes;
    private final MetricsAccess metrics;

    RouteAccessFilter(Authentication auth, RouteTable routes, MetricsAccess metrics) {
        this.auth = auth;
        this.routes = routes;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        RouteTable.Match match = RouteServlet.matchOf(routes, request);
        Access access = access(match);
        try {
            if (access == Access.METRICS) {
                if (!metrics.allowed(request.getRemoteAddr(), request.getHeader("Authorization"))) {
                    throw ApiException.permissionDenied(
                            "Metrics are readable from loopback or with the metrics token only.");
                }
            } else if (access == Access.OPERATOR) {
                // loopback or the metrics token; otherwise an admin's access token (401 without one, 403 other roles)
                if (!metrics.allowed(request.getRemoteAddr(), request.getHeader("Authorization"))) {
                    Caller caller = auth.authenticate(request.getHeader("Authorization"));
                    request.setAttribute(Caller.ATTRIBUTE, caller);
                    if (!access.allows(caller.role())) {
                        throw ApiException.permissionDenied(
                                "Only admins (or loopback clients and the metrics token) may read this.");
                    }
                }
            } else if (access.needsUser()) {
                Caller caller = auth.authenticate(request.getHeader("Authorization"));
                request.setAttribute(Caller.ATTRIBUTE, caller);
                if (match.found() && !access.allows(caller.role())) {
                    throw ApiException.permissionDenied("You do not have permission to perform this action.");
                }
            }
        } catch (ApiException e) {
            ErrorWriter.write((HttpServletResponse) resp, e);
            return;
        }
        chain.doFilter(req, resp);
    }

    /** The rule for the request: the route's, the strictest of the path's routes for a wrong method, else OPEN. */
    private Access access(RouteTable.Match match) {
        if (match.found()) {
            return match.route().access();
        }
        if (match.wrongMethod()) {
            return match.allowed().stream().map(m -> routes.find(m, match.template()).map(Route::access)
                    .orElse(Access.OPEN)).filter(Access::needsUser).findAny().orElse(Access.OPEN);
        }
        return Access.OPEN;
    }
}
