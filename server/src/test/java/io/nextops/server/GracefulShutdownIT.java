package io.nextops.server;

import io.nextops.web.route.Work;
import io.nextops.web.route.Access;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.testsupport.SharedPostgres;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

class GracefulShutdownIT {

    /** Sleeps {@code ms} before answering, to stand for a long request. */
    static final class SlowServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final transient CountDownLatch entered = new CountDownLatch(1);

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            entered.countDown();
            try {
                Thread.sleep(Long.parseLong(req.getParameter("ms")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                resp.setStatus(500);
                return;
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("finished");
        }
    }

    @Test
    void stopLetsAnInFlightRequestFinish() throws Exception {
        SlowServlet slow = new SlowServlet();
        TestServer server = TestServer.start(Map.of("GRACEFUL_TIMEOUT", "10"),
                List.of(TestServer.route("/test/slow", slow, Access.OPEN, Work.INLINE)));
        CompletableFuture<HttpResponse<String>> inFlight = server.client().sendAsync(
                HttpRequest.newBuilder(server.uri("/test/slow?ms=1500")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        server.close();
        long stopMs = (System.nanoTime() - start) / 1_000_000;

        HttpResponse<String> r = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("finished");
        assertThat(stopMs).as("stop waited for the request, not for the whole graceful timeout").isLessThan(8_000);
    }

    @Test
    void sigtermStopsTheProcessWithExitStatus0() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve"));
        pb.environment().put("PORT", "0");
        pb.environment().put("HOST", "127.0.0.1");
        pb.environment().put("LOG_FORMAT", "text");
        pb.environment().put("DATABASE_URL", SharedPostgres.newDatabase("sigterm").postgresUrl());
        pb.environment().put("JWT_SECRET", TestServer.JWT_SECRET);
        pb.redirectErrorStream(true);
        Path log = Files.createTempFile("serve-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        Supplier<String> output = () -> {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        };
        try {
            Pattern listening = Pattern.compile("listening on [^:]+:(\\d+)");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!listening.matcher(output.get()).find() && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(100);
            }
            Matcher m = listening.matcher(output.get());
            assertThat(m.find()).as("server printed its port: %s", output.get()).isTrue();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(output.get()).isZero();
            assertThat(output.get()).contains("stopping: finishing in-flight requests").contains("stopped");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
