package io.nextops.server.workers;

import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.RssProbe;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.TestServer;
import io.nextops.web.Json;
import io.nextops.web.Role;
import io.nextops.web.route.Endpoint;
import io.nextops.web.route.Route;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two request lanes through the real server: light work answers while every heavy worker is busy, heavy work
 * beyond the lane's workers and queue is refused with 503 and Retry-After, a reservation larger than the heavy
 * lane's share is refused with its own clear error, and each lane's figures are on /metrics and /health/memory.
 */
class LanesIT {
    /** Heavy probe: holds its worker until released; 6 MiB reserved, so two of them fit in 16 MiB, a third waits. */
    static final class Blocking extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final Semaphore entered = new Semaphore(0);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            entered.release();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resp.getWriter().write("done");
        }
    }

    private static final Map<String, String> ENV = Map.of("HEAVY_WORKERS", "3", "HEAVY_QUEUE", "2",
            "HEAVY_MEMORY_MB", "16", "WORKERS", "2");

    private static List<Route> routes(Blocking blocking) {
        return List.of(
                Route.get("/api/test/heavy/", "test_heavy", Endpoint.ofServlet(blocking)).tag("test")
                        .heavy(6L << 20).build(),
                Route.get("/api/test/huge/", "test_huge", Endpoint.ofServlet(blocking)).tag("test")
                        .heavy(1L << 30).build());
    }

    /**
     * A server whose memory reads low whatever this test JVM holds (a long failsafe run can reach the absolute
     * CRITICAL band, which would refuse heavy work for a reason this test is not about).
     */
    private static TestServer start(Blocking blocking) {
        return TestServer.start(ENV, routes(blocking), s -> {},
                c -> MemoryMonitor.create(c.memory(), () -> new RssProbe.Reading(20L << 20, 40L << 20)));
    }

    @Test
    void lightWorkAnswersWhileHeavyWorkFillsItsLaneAndOverflowIs503WithRetryAfter() throws Exception {
        Blocking blocking = new Blocking();
        try (TestServer server = start(blocking)) {
            server.accessToken(Role.ADMIN);
            List<CompletableFuture<HttpResponse<String>>> heavy = new ArrayList<>();
            // two run (12 of 16 MiB reserved); sent first and awaited, so that they hold workers, not queue slots
            for (int i = 0; i < 2; i++) {
                heavy.add(server.client().sendAsync(server.request("/api/test/heavy/", Role.ADMIN).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(blocking.entered.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
            // the third and fourth wait for memory in the heavy queue (capacity 2)
            for (int i = 0; i < 2; i++) {
                heavy.add(server.client().sendAsync(server.request("/api/test/heavy/", Role.ADMIN).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            awaitMetric(server, "lane_waiting_for_memory{pool=\"heavy\"} 2.0");

            long start = System.nanoTime();
            HttpResponse<String> list = server.get("/api/ots/", Role.ADMIN);
            long listMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(listMs).as("a list does not wait for a heavy worker").isLessThan(5_000);
            assertThat(server.get("/api/health/").statusCode()).isEqualTo(200);

            HttpResponse<String> overflow = server.get("/api/test/heavy/", Role.ADMIN);
            assertThat(overflow.statusCode()).isEqualTo(503);
            assertThat(overflow.headers().firstValue("Retry-After")).isPresent();
            assertThat(Json.MAPPER.readTree(overflow.body()).path("code").asText()).isEqualTo("server_busy");

            String metrics = server.get("/metrics").body();
            assertThat(metrics).contains("workers_busy{pool=\"heavy\"} 2.0")
                    .contains("lane_reserved_bytes{pool=\"heavy\"} " + (double) (12L << 20))
                    .contains("workers_rejected_total{pool=\"heavy\",reason=\"queue_full\"} 1.0")
                    .contains("workers_busy{pool=\"light\"}");
            var lanes = Json.MAPPER.readTree(server.get("/health/memory?history=false").body()).path("lanes");
            assertThat(lanes).hasSize(2);
            assertThat(lanes.get(1).path("name").asText()).isEqualTo("heavy");
            assertThat(lanes.get(1).path("reserved_bytes").asLong()).isEqualTo(12L << 20);
            assertThat(lanes.get(1).path("rejected").path("queue_full").asLong()).isEqualTo(1);

            blocking.release.countDown();
            for (CompletableFuture<HttpResponse<String>> f : heavy) {
                assertThat(f.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            awaitMetric(server, "lane_reserved_bytes{pool=\"heavy\"} 0.0");
        }
    }

    @Test
    void aReservationLargerThanTheHeavyShareIsRefusedWithAClearError() throws Exception {
        Blocking blocking = new Blocking();
        blocking.release.countDown();
        try (TestServer server = start(blocking)) {
            HttpResponse<String> r = server.get("/api/test/huge/", Role.ADMIN);
            assertThat(r.statusCode()).isEqualTo(503);
            var body = Json.MAPPER.readTree(r.body());
            assertThat(body.path("code").asText()).isEqualTo("reservation_too_large");
            assertThat(body.path("message").asText()).contains("1024 MiB").contains("16 MiB").contains("HEAVY_MEMORY_MB");
            assertThat(r.headers().firstValue("Retry-After")).as("retrying cannot help").isEmpty();
            assertThat(blocking.entered.availablePermits()).as("it never ran").isZero();
            assertThat(server.get("/metrics").body())
                    .contains("workers_rejected_total{pool=\"heavy\",reason=\"reservation_too_large\"} 1.0");
        }
    }

    @Test
    void largePagesRunInTheHeavyLane() throws Exception {
        Blocking blocking = new Blocking();
        blocking.release.countDown();
        try (TestServer server = start(blocking)) {
            assertThat(server.get("/api/ots/?page_size=5000", Role.ADMIN).statusCode()).isEqualTo(200);
            assertThat(server.get("/api/ots/?page_size=20", Role.ADMIN).statusCode()).isEqualTo(200);
            String metrics = server.get("/metrics").body();
            assertThat(metrics).contains("workers_completed_total{pool=\"heavy\"} 1.0");
        }
    }

    /** Answers the nice value of the worker thread that runs it (Linux: /proc/thread-self/stat, field 19). */
    static final class Nice extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
            resp.getWriter().write(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        }
    }

    @Test
    void heavyWorkRunsAtTheHeavyNiceValueAndLightWorkAtNormalPriority() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.exists(java.nio.file.Path.of("/proc/thread-self/stat")), "Linux only");
        String self = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
        org.junit.jupiter.api.Assumptions.assumeTrue(
                self.substring(self.lastIndexOf(')') + 2).split(" ")[16].equals("0"), "the test JVM runs at nice 0");
        Nice nice = new Nice();
        List<Route> routes = List.of(
                Route.get("/api/test/nice-heavy/", "test_nice_heavy", Endpoint.ofServlet(nice)).tag("test")
                        .heavy(1L << 20).build(),
                Route.get("/api/test/nice-light/", "test_nice_light", Endpoint.ofServlet(nice)).tag("test").build());
        try (TestServer server = TestServer.start(Map.of("HEAVY_NICE", "7"), routes, s -> {},
                c -> MemoryMonitor.create(c.memory(), () -> new RssProbe.Reading(20L << 20, 40L << 20)))) {
            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/api/test/nice-heavy/", Role.ADMIN).body()).isEqualTo("7");
                assertThat(server.get("/api/test/nice-light/", Role.ADMIN).body()).isEqualTo("0");
            }
        }
    }

    private static void awaitMetric(TestServer server, String line) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String metrics = "";
        while (System.nanoTime() < deadline) {
            metrics = server.get("/metrics").body();
            if (metrics.contains(line)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(metrics).contains(line);
    }
}
