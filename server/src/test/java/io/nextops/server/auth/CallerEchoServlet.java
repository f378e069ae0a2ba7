package io.nextops.server.auth;

import java.util.List;
import io.nextops.web.route.Route;
import io.nextops.web.route.Endpoint;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nextops.web.Caller;
import io.nextops.web.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;

/**
 * A resource written the way the domain servlets are (it asks {@link Caller} for permission), mounted at
 * {@value #PATH}: GET echoes the caller, POST and DELETE need a manager, PATCH lets finanzas change {@code notas} only.
 */
final class CallerEchoServlet extends HttpServlet {
    static final String PATH = "/api/test-caller/";
    private static final long serialVersionUID = 1L;

    /** Its routes: GET and POST on {@value #PATH}, PATCH and DELETE on {@code {id}/}; the servlet checks roles. */
    static List<Route> routes() {
        Endpoint echo = Endpoint.ofServlet(new CallerEchoServlet());
        return List.of(
                Route.get(PATH, "test_caller_get", echo).tag("test").build(),
                Route.post(PATH, "test_caller_post", echo).tag("test").build(),
                Route.patch(PATH + "{id}/", "test_caller_patch", echo).tag("test").build(),
                Route.delete(PATH + "{id}/", "test_caller_delete", echo).tag("test").build());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller caller = Caller.of(req);
        switch (req.getMethod()) {
            case "GET" -> Json.write(resp, 200, Map.of("user_id", caller.userId(), "username", caller.username(),
                    "role", caller.role().value()));
            case "POST" -> {
                caller.requireManager();
                Json.write(resp, 201, Map.of("created", true));
            }
            case "PATCH" -> {
                ObjectNode body = Json.readObject(req);
                Set<String> fields = new TreeSet<>();
                body.fieldNames().forEachRemaining(fields::add);
                caller.requireUpdate(fields, Set.of("notas"));
                Json.write(resp, 200, Map.of("updated", fields));
            }
            case "DELETE" -> {
                caller.requireManager();
                resp.setStatus(204);
            }
            default -> resp.setStatus(405);
        }
    }
}
