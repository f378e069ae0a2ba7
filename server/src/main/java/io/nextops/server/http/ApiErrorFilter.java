package io.nextops.server.http;

import io.nextops.web.ApiException;
import io.nextops.web.ErrorWriter;
import io.nextops.web.RequestBodies;
import io.nextops.workers.TaskContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where API failures become responses: an {@link ApiException} is answered by {@link ErrorWriter} with its status
 * and the envelope {@code {code, message, errors: [{field, message}], detail}}; anything else is a 500 with
 * {@code code=UnhandledException} and no internal detail (the stack trace goes to the log). A client that went away
 * mid-response is logged in one line, not as an error. Thread-safe.
 */
public final class ApiErrorFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(ApiErrorFilter.class);

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        try {
            filter(request, response, chain);
        } finally {
            // an answer written before the body was read (401, 403, 413, 415, ...) must still reach the client
            RequestBodies.drain(request);
        }
    }

    private static void filter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ApiException e) {
            ErrorWriter.write(response, e);
        } catch (EofException e) {
            log.info("client went away: {} {} ({})", request.getMethod(), request.getRequestURI(), e.getMessage());
        } catch (IOException | ServletException | RuntimeException e) {
            if (response.isCommitted() && !isClientAbort(e)) {
                // Part of the body is already on the wire: the status cannot change any more. Rethrow, so that Jetty
                // aborts the connection instead of ending the body cleanly: a cut-off export or download must never
                // look like a complete file to the client.
                log.warn("{} {} failed after the response was committed; aborting the connection: {}",
                        request.getMethod(), request.getRequestURI(), e.toString());
                throw e;
            }
            if (timedOut(request)) {
                ErrorWriter.write(response, ApiException.unavailable("request_timeout",
                        "The request took longer than the server's time limit and was stopped.", 5));
                return;
            }
            ApiException api = find(e);
            if (api != null) {
                ErrorWriter.write(response, api);
                return;
            }
            if (isClientAbort(e)) {
                log.info("client went away: {} {} ({})", request.getMethod(), request.getRequestURI(), e.toString());
                return;
            }
            if (isDatabaseUnavailable(e)) {
                log.warn("database unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
                ErrorWriter.write(response, ApiException.unavailable("database_unavailable",
                        "The database is not reachable right now; retry shortly.", 5));
                return;
            }
            log.error("unhandled error in {} {}", request.getMethod(), request.getRequestURI(), e);
            if (!response.isCommitted()) {
                response.reset();
                ErrorWriter.write(response, 500, "UnhandledException", "An unexpected error occurred.", List.of());
            }
        }
    }

    private static boolean timedOut(HttpServletRequest request) {
        return request.getAttribute(WorkerHandler.TASK_ATTRIBUTE) instanceof TaskContext task && task.isCancelled();
    }

    private static ApiException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }

    /**
     * True when the failure is the database being unreachable (pool timeout, connection refused or lost, server
     * shutting down): a 503 the client may retry, not a server bug.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static boolean isClientAbort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EofException || (t instanceof IOException && String.valueOf(t.getMessage()).contains("Broken pipe"))
                    || (t instanceof IOException && String.valueOf(t.getMessage()).contains("Connection reset"))) {
                return true;
            }
        }
        return false;
    }
}
