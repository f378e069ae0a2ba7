package io.nextops.server.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Health endpoints. Liveness ({@code /api/health/}, the original's path, and {@code /health/live}) answers 200 while
 * the process serves HTTP; readiness ({@code /health/ready}) also checks the database and answers 503 when it is
 * unreachable. Thread-safe.
 */
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient DataSource dataSource;
    private final String version;

    /** {@code dataSource} null gives a liveness-only servlet. */
    public HealthServlet(DataSource dataSource, String version) {
        this.dataSource = dataSource;
        this.version = version;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        if (dataSource == null) {
            write(resp, 200, "{\"status\":\"ok\",\"service\":\"nextops-lean\",\"version\":\"" + version + "\"}");
            return;
        }
        long start = System.nanoTime();
        String problem = checkDatabase();
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (problem == null) {
            write(resp, 200, "{\"status\":\"ok\",\"database\":\"ok\",\"database_ms\":" + ms + "}");
        } else {
            write(resp, 503, "{\"status\":\"unavailable\",\"database\":\"unreachable\",\"code\":\"database_unavailable\","
                    + "\"message\":\"" + problem + "\",\"errors\":[]}");
        }
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doGet(req, resp);
    }

    private String checkDatabase() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? null : "database did not answer within 2 s";
        } catch (SQLException e) {
            return "database unreachable";
        }
    }

    private static void write(HttpServletResponse resp, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }
}
