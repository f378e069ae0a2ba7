package io.nextops.web.route;

import io.nextops.web.Caller;
import io.nextops.web.Params;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;

/**
 * One request to a matched route: the servlet request and response, the route, and the values of the template's
 * variables. Not thread-safe: one per request.
 */
public final class Call {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Route route;
    private final Map<String, String> variables;

    public Call(HttpServletRequest request, HttpServletResponse response, Route route, Map<String, String> variables) {
        this.request = request;
        this.response = response;
        this.route = route;
        this.variables = Map.copyOf(variables);
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    public Route route() {
        return route;
    }

    /** The {@code {id}} of the path: the matcher accepts only 1 to 18 ASCII digits, so it always parses. */
    public long id() {
        return longVariable("id");
    }

    /** The value of template variable {@code name}. */
    public long longVariable(String name) {
        String v = variables.get(name);
        if (v == null) {
            throw new IllegalStateException("route " + route.operationId() + " has no variable {" + name + "}");
        }
        return Long.parseLong(v);
    }

    /** The authenticated caller (401 when the route is open and no user was authenticated). */
    public Caller caller() {
        return Caller.of(request);
    }

    /**
     * A fresh reader of the route's declared query parameters (reading an undeclared one, or as another type, is a
     * programming error and throws {@link IllegalStateException}); the query string itself is decoded once.
     */
    public Params params() {
        return Params.of(request, route.params());
    }
}
