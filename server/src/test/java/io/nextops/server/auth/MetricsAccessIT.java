package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.server.TestServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /metrics} and {@code /health/memory}: open on loopback, token-only from elsewhere. "Elsewhere" is this
 * machine's own non-loopback address, with the server bound to all interfaces (skipped when there is none).
 */
class MetricsAccessIT {
    static final String TOKEN = "metrics-token-for-tests-0123456789";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("HOST", "0.0.0.0", "METRICS_TOKEN", TOKEN), s -> {});
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/health/memory"})
    void loopbackReadsWithoutAToken(String path) {
        assertThat(server.get(path).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/health/memory"})
    void anotherAddressNeedsTheMetricsToken(String path) {
        Optional<InetAddress> own = nonLoopbackAddress();
        assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address");
        URI uri = URI.create("http://" + own.get().getHostAddress() + ":" + server.port() + path);

        HttpResponse<String> none = server.send(HttpRequest.newBuilder(uri).build());
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("\"code\":\"permission_denied\"");
        assertThat(server.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer wrong-token").build())
                .statusCode()).isEqualTo(403);
        assertThat(server.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theMetricsTokenIsNotAnApiToken() {
        HttpResponse<String> r = AuthHttp.get(server, "/api/ots/", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(401);
    }

    static Optional<InetAddress> nonLoopbackAddress() {
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp() || ni.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
