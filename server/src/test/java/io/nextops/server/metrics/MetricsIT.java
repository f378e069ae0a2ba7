package io.nextops.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.TestServer;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsIT {
    // name{label="value",...} value   (the Prometheus text format 0.0.4 sample line)
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
                    + "(-?[0-9.]+(E-?[0-9]+)?|NaN|\\+Inf|-Inf)( [0-9]+)?");

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void metricsAreValidPrometheusTextWithTheNamedSeries() {
        server.get("/api/health/");
        server.get("/api/does-not-exist/");
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                assertThat(line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")).as(line).isTrue();
                continue;
            }
            assertThat(SAMPLE.matcher(line).matches()).as("sample line: %s", line).isTrue();
        }
        assertThat(r.body())
                .contains("jvm_memory_used_bytes{area=\"heap\"")
                .contains("jvm_memory_used_bytes{area=\"nonheap\"")
                .contains("jvm_gc_")
                .contains("jvm_threads_live_threads")
                .contains("hikaricp_connections_active{pool=\"nextops-db\"}")
                .contains("hikaricp_connections_idle{pool=\"nextops-db\"}")
                .contains("hikaricp_connections_pending{pool=\"nextops-db\"}")
                .contains("jetty_threads_")
                .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\"}")
                .contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\"}");
    }
}
