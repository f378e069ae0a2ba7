package io.nextops.server.memory;

import java.util.List;
import io.nextops.web.route.Work;
import io.nextops.web.route.Access;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.RssProbe;
import io.nextops.web.Role;
import io.nextops.server.Main;
import io.nextops.server.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/** The server's memory endpoints, the check-memory command and memory-aware admission, against real servers. */
class MemoryIT {
    private static final long MB = 1024 * 1024;

    /** Stands for a heavy endpoint (export, upload, import) and for a light one. */
    static final class OkServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("ok");
        }
    }

    @Test
    void healthMemoryReportsStatusSnapshotAndSettings() throws Exception {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> r = server.get("/health/memory");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":").contains("\"snapshot\":").contains("\"rssMb\":")
                    .contains("\"history\":").contains("\"settings\":").contains("\"workers\":");
            assertThat(server.get("/health/memory?history=false").body()).doesNotContain("\"history\":[{");
            assertThat(server.get("/metrics").body()).contains("process_resident_memory_bytes ")
                    .contains("nextops_memory_status ");
        }
    }

    @Test
    void checkMemoryExitCodesFollowTheStatusAndUnreachableIs3() throws Exception {
        AtomicLong rss = new AtomicLong(20 * MB);
        try (TestServer server = TestServer.start(Map.of("MEMORY_BUDGET_MB", "100"), s -> {},
                c -> MemoryMonitor.create(c.memory(), () -> new RssProbe.Reading(rss.get(), 2 * rss.get())))) {
            String url = "http://127.0.0.1:" + server.port();
            assertThat(checkMemory("--url", url)).isZero();
            assertThat(lastOut).contains("status:").contains("EXCELLENT").contains("recommendations")
                    .contains("effective settings").contains("db_pool_size");
            rss.set(75 * MB);
            assertThat(checkMemory("--url", url)).isEqualTo(1);
            rss.set(95 * MB);
            assertThat(checkMemory("--url", url, "--json")).isEqualTo(2);
            assertThat(lastOut).contains("\"status\" : \"CRITICAL\"");
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(checkMemory("--url", "http://127.0.0.1:" + closedPort)).isEqualTo(3);
        assertThat(checkMemory("--bogus")).isEqualTo(2);
    }

    @Test
    void heavyRequestsAreRefusedWhileMemoryIsCriticalUntilItIsBelowWarning() throws Exception {
        AtomicLong rss = new AtomicLong(20 * MB);
        try (TestServer server = TestServer.start(Map.of("MEMORY_BUDGET_MB", "100"), List.of(
                TestServer.route("/api/test/export-excel/", new OkServlet(), Access.AUTHENTICATED, Work.HEAVY),
                TestServer.route("/api/test/light/", new OkServlet(), Access.AUTHENTICATED, Work.LIGHT)), s -> {}, c -> MemoryMonitor.create(c.memory(), () -> new RssProbe.Reading(rss.get(), 2 * rss.get())))) {
            assertThat(server.get("/api/test/export-excel/", Role.ADMIN).statusCode()).isEqualTo(200);

            rss.set(90 * MB); // CRITICAL (>= 85% of 100 MB)
            HttpResponse<String> refused = server.get("/api/test/export-excel/", Role.ADMIN);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("\"code\":\"memory_pressure\"");
            assertThat(server.get("/api/test/light/", Role.ADMIN).statusCode()).as("light requests go on").isEqualTo(200);

            rss.set(75 * MB); // WARNING: still refused (hysteresis)
            assertThat(server.get("/api/test/export-excel/", Role.ADMIN).statusCode()).isEqualTo(503);

            rss.set(60 * MB); // GOOD: admitted again
            assertThat(server.get("/api/test/export-excel/", Role.ADMIN).statusCode()).isEqualTo(200);
        }
    }

    private String lastOut;

    private int checkMemory(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "check-memory";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        lastOut = out.toString(StandardCharsets.UTF_8);
        return status;
    }
}
