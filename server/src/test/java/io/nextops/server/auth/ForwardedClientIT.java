package io.nextops.server.auth;

import static io.nextops.server.auth.AuthHttp.quote;
import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code TRUSTED_PROXIES} through real sockets to the real server, the test client on loopback playing the balancer:
 * when loopback is trusted the login throttle keys on the forwarded address; when it is not, on the socket's.
 */
class ForwardedClientIT {

    private static TestServer start(String trustedProxies) {
        Map<String, String> env = new HashMap<>(Map.of("LOGIN_MAX_FAILURES_PER_USERNAME", "100",
                "LOGIN_MAX_FAILURES_PER_ADDRESS", "2", "LOGIN_FAILURE_WINDOW_SECONDS", "60"));
        if (trustedProxies != null) {
            env.put("TRUSTED_PROXIES", trustedProxies);
        }
        return TestServer.start(env, s -> {});
    }

    private static HttpResponse<String> login(TestServer server, String header, String value) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/api/token/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":" + quote("nobody") + ",\"password\":"
                        + quote("wrong-password") + "}"));
        if (header != null) {
            b.header(header, value);
        }
        return server.send(b.build());
    }

    private static List<String> addressKeys(TestServer server) {
        return AuthHttp.jdbi(server).withHandle(h -> h.createQuery(
                "SELECT key FROM auth_login_failure WHERE kind = 'address' ORDER BY key").mapTo(String.class).list());
    }

    @Test
    void behindATrustedProxyTheThrottleKeysOnTheForwardedAddress() throws Exception {
        try (TestServer server = start("127.0.0.0/8,::1")) {
            for (int i = 0; i < 2; i++) {
                assertThat(login(server, "X-Forwarded-For", "1.1.1.1, 203.0.113.7").statusCode()).isEqualTo(401);
            }
            assertThat(login(server, "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(429);
            // another client behind the same proxy, and the proxy itself, are not blocked
            assertThat(login(server, "X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(401);
            assertThat(login(server, null, null).statusCode()).isEqualTo(401);

            for (int i = 0; i < 2; i++) {
                assertThat(login(server, "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https").statusCode())
                        .isEqualTo(401);
            }
            assertThat(login(server, "Forwarded", "for=\"[2001:db8::7]\"").statusCode()).isEqualTo(429);

            assertThat(addressKeys(server)).hasSize(4).contains("127.0.0.1", "203.0.113.7", "203.0.113.8")
                    .anySatisfy(k -> assertThat(k).contains("2001:db8:"));
        }
    }

    @Test
    void withoutTrustedProxiesForwardedHeadersAreIgnored() throws Exception {
        try (TestServer server = start(null)) {
            assertThat(login(server, "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(401);
            assertThat(login(server, "Forwarded", "for=203.0.113.2").statusCode()).isEqualTo(401);
            // a new spoofed address each time does not escape the per-address limit
            assertThat(login(server, "X-Forwarded-For", "203.0.113.3").statusCode()).isEqualTo(429);
            assertThat(addressKeys(server)).containsExactly("127.0.0.1");
        }
    }

    @Test
    void aTrustedPeerThatIsNotTheProxyOfThisRequestIsStillTheSocket() throws Exception {
        // only 10.0.0.0/8 is trusted: the loopback client is a stranger and its headers are spoofed
        try (TestServer server = start("10.0.0.0/8")) {
            assertThat(login(server, "X-Forwarded-For", "10.0.0.1").statusCode()).isEqualTo(401);
            assertThat(login(server, "X-Forwarded-For", "10.0.0.2").statusCode()).isEqualTo(401);
            assertThat(login(server, "X-Forwarded-For", "10.0.0.3").statusCode()).isEqualTo(429);
            assertThat(addressKeys(server)).containsExactly("127.0.0.1");
        }
    }

    @Test
    void malformedForwardedHeadersFromATrustedProxyAreNeverAServerError() throws Exception {
        try (TestServer server = start("127.0.0.0/8,::1")) {
            for (String[] h : new String[][] {{"X-Forwarded-For", "not-an-ip, ,,"}, {"Forwarded", "for=\"[::1"},
                    {"Forwarded", "for=unknown;;;=,="}, {"X-Forwarded-For", "999.999.999.999"}}) {
                assertThat(login(server, h[0], h[1]).statusCode()).as(h[0] + ": " + h[1]).isIn(401, 429);
            }
            assertThat(addressKeys(server)).containsExactly("127.0.0.1");
        }
    }

    @Test
    void metricsFromLoopbackAreForTheProxyNotForTheClientsItForwards() throws Exception {
        try (TestServer server = start("127.0.0.0/8,::1")) {
            assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
            HttpResponse<String> forwarded = server.send(HttpRequest.newBuilder(server.uri("/metrics"))
                    .header("X-Forwarded-For", "203.0.113.7").GET().build());
            assertThat(forwarded.statusCode()).isEqualTo(403);
        }
    }
}
