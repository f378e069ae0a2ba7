package io.nextops.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.nextops.export.ExportFormat;
import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.RssProbe;
import io.nextops.server.TestServer;
import io.nextops.web.Json;
import io.nextops.web.Role;
import io.nextops.web.download.RunningExports;
import io.nextops.web.route.Access;
import io.nextops.web.route.Route;
import io.nextops.web.route.Work;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory dashboard through the real server: the page and its files are open and strict, the figures are open to
 * loopback, the metrics token and admins only (checked from this machine's non-loopback address, the server bound to
 * all interfaces), and the figures hold the budget, a history, the lanes, the status, and the heavy job and the
 * export running while they are read.
 */
class MemoryDashboardIT {
    static final String METRICS_TOKEN = "metrics-token-for-dashboard-0123456789";
    static final long RSS_BYTES = 40L << 20;
    static final CountDownLatch release = new CountDownLatch(1);
    static final CountDownLatch running = new CountDownLatch(1);
    static TestServer server;
    static String remote;

    @BeforeAll
    static void start() {
        Route slow = Route.get("/test/slow-export/", "test_slow_export", call -> {
            try (RunningExports.Export e = RunningExports.of(call.request()).start("Slow_3000.csv", ExportFormat.CSV,
                    3000)) {
                e.progress(2048, 123_456);
                running.countDown();
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            call.response().setStatus(204);
        }).tag("test").access(Access.OPEN).heavy(5L << 20).build();
        // a fake, low RSS: a long failsafe JVM may be CRITICAL for a 256 MB budget, and then refuses heavy work
        server = TestServer.start(Map.of("HOST", "0.0.0.0", "METRICS_TOKEN", METRICS_TOKEN, "MEMORY_BUDGET_MB", "256"),
                List.of(slow), s -> {}, c -> MemoryMonitor.create(c.memory(),
                        () -> new RssProbe.Reading(RSS_BYTES, 2 * RSS_BYTES)));
        remote = "http://" + nonLoopbackAddress().getHostAddress() + ":" + server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        release.countDown();
        server.close();
    }

    @Test
    void thePageIsOpenHoldsNoDataAndAllowsNoInlineScript() {
        for (String path : List.of("/admin/memory/", "/admin/memory")) {
            HttpResponse<String> page = get(remote + path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(type(page)).isEqualTo("text/html;charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.body()).contains("<script src=\"/admin/memory/dashboard.js\" defer></script>")
                    .doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("RSS rising");
        }
    }

    @Test
    void theScriptAndStyleSheetAreServedWithTheirTypesAndRevalidated() {
        HttpResponse<String> js = get(remote + "/admin/memory/dashboard.js", null);
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(type(js)).isEqualTo("text/javascript;charset=utf-8");
        assertThat(js.body()).contains("https://github.com/leeoniya/uPlot (v1.6.32)", "/admin/memory/data/");
        HttpResponse<String> css = get(remote + "/admin/memory/dashboard.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(type(css)).isEqualTo("text/css;charset=utf-8");
        assertThat(css.body()).contains(".uplot", ".pill.critical");

        String etag = js.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = server.send(HttpRequest.newBuilder(URI.create(remote + "/admin/memory/dashboard.js"))
                .header("If-None-Match", etag).build());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void theFiguresNeedLoopbackTheMetricsTokenOrAnAdmin() {
        String data = remote + "/admin/memory/data/";
        HttpResponse<String> none = get(data, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(get(data, "Bearer not-a-token").statusCode()).isEqualTo(401);
        for (Role role : List.of(Role.JEFE_OPERACIONES, Role.FINANZAS, Role.OPERATIVO)) {
            HttpResponse<String> r = get(data, "Bearer " + server.accessToken(role));
            assertThat(r.statusCode()).as(role.value()).isEqualTo(403);
            assertThat(r.body()).contains("\"code\":\"permission_denied\"");
        }
        for (String auth : List.of("Bearer " + server.accessToken(Role.ADMIN), "Bearer " + METRICS_TOKEN)) {
            HttpResponse<String> r = get(data, auth);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(server.get("/admin/memory/data/").statusCode()).as("loopback").isEqualTo(200);
        assertThat(server.get("/admin/memory/data").statusCode()).as("without the final slash").isEqualTo(200);
    }

    @Test
    void theFiguresHoldTheBudgetHistoryLanesStatusAndLeakVerdict() throws Exception {
        JsonNode d = Json.MAPPER.readTree(server.get("/admin/memory/data/").body());

        assertThat(d.path("status").asText()).isIn("EXCELLENT", "GOOD", "WARNING", "CRITICAL");
        assertThat(d.path("budget").path("mb").asLong()).isEqualTo(256);
        assertThat(d.path("budget").path("derived").path("heapMb").asLong()).isEqualTo(96);
        assertThat(d.path("thresholds").path("basis").asText()).isEqualTo("budget");
        assertThat(d.path("thresholds").path("criticalFromMb").asDouble()).isEqualTo(217.6); // 85% of 256
        JsonNode h = d.path("history");
        int n = h.path("t").size();
        assertThat(n).isPositive().isLessThanOrEqualTo(h.path("capacity").asInt());
        for (String column : List.of("rssMb", "heapUsedMb", "heapCommittedMb", "nonHeapMb")) {
            assertThat(h.path(column).size()).as(column).isEqualTo(n);
        }
        assertThat(h.path("rssMb").get(n - 1).asDouble()).isEqualTo(40.0);
        assertThat(h.path("heapUsedMb").get(n - 1).asDouble()).isPositive();
        assertThat(d.path("current").path("metaspaceMb").asDouble()).isPositive();
        assertThat(d.path("lanes").findValuesAsText("name")).containsExactlyInAnyOrder("light", "heavy");
        assertThat(d.path("lanes").get(0).has("rejected")).isTrue();
        assertThat(d.path("leakTrend").path("verdict").asText()).isIn("steady", "rising");
        assertThat(d.path("leakTrend").path("message").asText()).isNotBlank();
    }

    @Test
    void listsTheHeavyJobAndTheExportRunningNow() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = server.client().sendAsync(
                HttpRequest.newBuilder(server.uri("/test/slow-export/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(running.await(10, TimeUnit.SECONDS)).as(() -> "the heavy route did not start: "
                + (slow.isDone() ? slow.join().statusCode() + " " + slow.join().body() : "no answer")).isTrue();
        JsonNode d = Json.MAPPER.readTree(server.get("/admin/memory/data/").body());
        release.countDown();

        JsonNode job = d.path("heavyJobs").get(0);
        assertThat(job).as(d.path("heavyJobs").toString()).isNotNull();
        assertThat(job.path("route").asText()).isEqualTo("/test/slow-export/");
        assertThat(job.path("method").asText()).isEqualTo("GET");
        assertThat(job.path("reservedBytes").asLong()).isEqualTo(5L << 20);
        assertThat(job.path("since").asText()).isNotBlank();
        JsonNode export = d.path("exports").get(0);
        assertThat(export).as(d.path("exports").toString()).isNotNull();
        assertThat(export.path("file").asText()).isEqualTo("Slow_3000.csv");
        assertThat(export.path("rows").asLong()).isEqualTo(2048);
        assertThat(export.path("totalRows").asLong()).isEqualTo(3000);
        assertThat(export.path("bytes").asLong()).isEqualTo(123_456);
        assertThat(export.path("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(0);

        assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        JsonNode after = Json.MAPPER.readTree(server.get("/admin/memory/data/").body());
        assertThat(after.path("heavyJobs").size()).isZero();
        assertThat(after.path("exports").size()).isZero();
    }

    private static String type(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    private static HttpResponse<String> get(String url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return server.send(b.build());
    }

    /** This machine's first non-loopback IPv4 address; the access checks need one, so the test fails without it. */
    private static InetAddress nonLoopbackAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (ni.isUp() && !ni.isLoopback()) {
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
                            return a;
                        }
                    }
                }
            }
        } catch (java.net.SocketException e) {
            fail("cannot list network interfaces", e);
        }
        return fail("this machine has no non-loopback IPv4 address to test remote access from");
    }
}
