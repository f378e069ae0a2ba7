package io.nextops.server;

import io.nextops.ots.api.Caller;
import io.nextops.ots.api.Role;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

/**
 * How tests authenticate. Until the server has real authentication, a test-only filter puts a {@link Caller} with the
 * role named in the {@code X-Test-Role} header on the request. When authentication lands, this class logs in as a
 * user of that role and sends a real bearer token instead; tests keep calling {@link TestServer#request}.
 */
final class TestCallers {
    private TestCallers() {}

    static void install(Server server) {
        Filter filter = (req, resp, chain) -> {
            String role = ((jakarta.servlet.http.HttpServletRequest) req).getHeader("X-Test-Role");
            if (role != null) {
                Role r = Role.of(role);
                req.setAttribute(Caller.ATTRIBUTE, new Caller(r.ordinal() + 1, "test-" + r.value(), r));
            }
            chain.doFilter(req, resp);
        };
        server.getDescendant(ServletContextHandler.class)
                .addFilter(new FilterHolder(filter), "/api/*", EnumSet.of(DispatcherType.REQUEST));
    }

    static HttpRequest.Builder authenticate(TestServer server, HttpRequest.Builder builder, Role role) {
        return builder.header("X-Test-Role", role.value());
    }
}
