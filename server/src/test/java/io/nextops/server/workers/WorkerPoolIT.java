package io.nextops.server.workers;

import io.nextops.web.route.Work;
import io.nextops.web.route.Access;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.web.Role;
import io.nextops.server.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** The server runs API requests on its bounded worker pool: saturation sheds load cleanly, timeouts free the database. */
class WorkerPoolIT {

    /** {@code /api/test/sleep?ms=N}: holds a worker for N ms. */
    static final class SleepServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                Thread.sleep(Long.parseLong(req.getParameter("ms")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resp.setContentType("text/plain");
            resp.getWriter().write(Thread.currentThread().getName());
        }
    }

    /** {@code /api/test/pg-sleep}: runs {@code SELECT pg_sleep(60)} on the server's own pool. */
    static final class PgSleepServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final transient AtomicReference<DataSource> dataSource = new AtomicReference<>();

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try (Connection c = dataSource.get().getConnection(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(60) /* nextops-timeout-test */");
            } catch (SQLException e) {
                throw new IllegalStateException("statement failed", e);
            }
            resp.getWriter().write("slept");
        }
    }

    @Test
    void saturatedPoolAnswers200Or503AndHealthStillAnswers() throws Exception {
        try (TestServer server = TestServer.start(Map.of("WORKERS", "2", "WORKER_QUEUE", "4"),
                List.of(TestServer.route("/api/test/sleep", new SleepServlet(), Access.AUTHENTICATED, Work.LIGHT)))) {
            server.get("/api/test/sleep?ms=1", Role.ADMIN); // log in once before the storm
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(client.sendAsync(server.request("/api/test/sleep?ms=300", Role.ADMIN).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            HttpResponse<String> health = server.get("/api/health/");
            HttpResponse<String> ready = server.get("/health/ready");
            Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
            List<HttpResponse<String>> rejected = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get(60, TimeUnit.SECONDS); // a reset would throw here
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() == 503) {
                    rejected.add(r);
                }
            }
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(byStatus.keySet()).containsOnly(200, 503);
            assertThat(byStatus.get(200)).isGreaterThanOrEqualTo(6);
            assertThat(byStatus.get(503)).isPositive();
            assertThat(rejected.get(0).headers().firstValue("Retry-After")).isPresent();
            assertThat(rejected.get(0).body()).contains("\"code\":\"server_busy\"").contains("\"errors\":[]");

            String metrics = server.get("/metrics").body();
            assertThat(metrics).contains("workers_rejected_total{pool=\"light\",reason=\"queue_full\"}").contains("workers_busy{pool=\"light\"}");
        }
    }

    @Test
    void requestPastTheTimeoutGets503AndItsStatementIsCancelled() throws Exception {
        PgSleepServlet pgSleep = new PgSleepServlet();
        try (TestServer server = TestServer.start(Map.of("TIMEOUT", "2"),
                List.of(TestServer.route("/api/test/pg-sleep", pgSleep, Access.AUTHENTICATED, Work.LIGHT)))) {
            pgSleep.dataSource.set(server.database().dataSource());
            long start = System.nanoTime();
            HttpResponse<String> r = server.get("/api/test/pg-sleep", Role.ADMIN);
            long ms = (System.nanoTime() - start) / 1_000_000;

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("\"code\":\"request_timeout\"");
            assertThat(ms).isBetween(1_500L, 15_000L);
            assertThat(activeSleeps(server)).as("pg_stat_activity shows the statement gone").isZero();
            assertThat(server.database().pool().getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    private static int activeSleeps(TestServer server) throws Exception {
        for (int i = 0; i < 20; i++) {
            try (Connection c = server.testDatabase().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                         + "AND query LIKE '%nextops-timeout-test%' AND pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return 0;
                }
            }
            Thread.sleep(100);
        }
        return 1;
    }
}
