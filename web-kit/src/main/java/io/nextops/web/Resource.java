package io.nextops.web;

import io.nextops.web.ApiException;
import io.nextops.web.Caller;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REST resource mounted at {@code /prefix/*}: {@code /prefix/} is the collection and {@code /prefix/{id}/} one
 * item (ids are digits; the trailing slash is optional, as the original's router accepts both once redirected).
 * Every request needs a {@link Caller}; other paths are 404, other methods 405. Thread-safe if the subclass is.
 */
public abstract class Resource extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern ITEM = Pattern.compile("^/(\\d{1,18})/?$");

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller caller = Caller.of(req);
        String path = req.getPathInfo();
        String method = req.getMethod();
        if (path == null || path.equals("/")) {
            switch (method) {
                case "GET", "HEAD" -> list(caller, req, resp);
                case "POST" -> create(caller, req, resp);
                default -> throw ApiException.methodNotAllowed(method);
            }
            return;
        }
        Matcher m = ITEM.matcher(path);
        if (!m.matches()) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "not_found", "Not found.");
        }
        long id = Long.parseLong(m.group(1));
        switch (method) {
            case "GET", "HEAD" -> get(caller, id, req, resp);
            case "PUT" -> update(caller, id, false, req, resp);
            case "PATCH" -> update(caller, id, true, req, resp);
            case "DELETE" -> delete(caller, id, req, resp);
            default -> throw ApiException.methodNotAllowed(method);
        }
    }

    protected abstract void list(Caller caller, HttpServletRequest req, HttpServletResponse resp) throws IOException;

    protected abstract void create(Caller caller, HttpServletRequest req, HttpServletResponse resp) throws IOException;

    protected abstract void get(Caller caller, long id, HttpServletRequest req, HttpServletResponse resp)
            throws IOException;

    /** PUT ({@code partial=false}) or PATCH; 405 unless overridden. */
    protected void update(Caller caller, long id, boolean partial, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        throw ApiException.methodNotAllowed(req.getMethod());
    }

    /** Soft delete; 405 unless overridden. */
    protected void delete(Caller caller, long id, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        throw ApiException.methodNotAllowed(req.getMethod());
    }
}
