package io.nextops.server.memory;

import io.nextops.web.route.Work;
import io.nextops.web.route.Access;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.nextops.web.Role;
import io.nextops.server.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The memory monitor's two filters inside the real server: sampled memory lines, streamed body sizes. */
class RequestMonitoringIT {
    private static final int MIB = 1024 * 1024;

    /** {@code /api/test/stream?mb=N}: streams N MiB in 8 KB writes, never holding the body. */
    static final class StreamServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int mb = Integer.parseInt(req.getParameter("mb"));
            resp.setContentType("application/octet-stream");
            byte[] chunk = new byte[8192];
            OutputStream out = resp.getOutputStream();
            for (long written = 0; written < (long) mb * MIB; written += chunk.length) {
                out.write(chunk);
            }
        }
    }

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger memoryLogger = (Logger) LoggerFactory.getLogger("io.nextops.memory");
    private Level previous;

    private void capture() {
        previous = memoryLogger.getLevel();
        memoryLogger.setLevel(Level.INFO);
        appender.start();
        memoryLogger.addAppender(appender);
    }

    @AfterEach
    void release() {
        memoryLogger.detachAppender(appender);
        memoryLogger.setLevel(previous);
    }

    private List<String> lines(String loggerPrefix) {
        return appender.list.stream().filter(e -> e.getLoggerName().startsWith(loggerPrefix))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void memoryLinesAreLoggedOnSampledRequestsOnly() throws Exception {
        capture();
        try (TestServer never = TestServer.start(Map.of("MEMORY_LOG_SAMPLE_RATE", "0"), s -> {})) {
            for (int i = 0; i < 20; i++) {
                assertThat(never.get("/api/health/").statusCode()).isEqualTo(200);
            }
        }
        assertThat(lines("io.nextops.memory.requests")).isEmpty();

        try (TestServer always = TestServer.start(Map.of("MEMORY_LOG_SAMPLE_RATE", "1"), s -> {})) {
            for (int i = 0; i < 5; i++) {
                assertThat(always.get("/api/health/").statusCode()).isEqualTo(200);
            }
        }
        assertThat(lines("io.nextops.memory.requests")).hasSize(5)
                .allSatisfy(l -> assertThat(l).contains("GET /api/health/").contains("rss="));
    }

    @Test
    void aStreamed20MibResponseIsReportedWithoutTheHeapGrowingBy20Mib() throws Exception {
        capture();
        try (TestServer server = TestServer.start(Map.of(),
                List.of(TestServer.route("/api/test/stream", new StreamServlet(), Access.AUTHENTICATED, Work.LIGHT)))) {
            server.get("/api/test/stream?mb=1", Role.ADMIN); // warm up: classes, buffers, login
            MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
            System.gc();
            long before = heap.getHeapMemoryUsage().getUsed();
            long peak = before;
            HttpResponse<InputStream> r = server.client().send(server.request("/api/test/stream?mb=20", Role.ADMIN).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long received = 0;
            byte[] buf = new byte[65536];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    received += n;
                    if ((received & (MIB - 1)) < n) {
                        System.gc();
                        peak = Math.max(peak, heap.getHeapMemoryUsage().getUsed());
                    }
                }
            }
            assertThat(received).isEqualTo(20L * MIB);
            assertThat(peak - before).as("heap growth while 20 MiB streamed").isLessThan(8L * MIB);
        }
        assertThat(lines("io.nextops.memory.size"))
                .anySatisfy(l -> assertThat(l).contains("/api/test/stream").contains(Long.toString(20L * MIB)));
    }
}
