package io.nextops.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.nextops.server.config.TrustedProxies;
import java.net.InetAddress;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header walk: which address is the client for a peer and its forwarded headers. */
class ForwardedClientTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/8, fd00::/8");
    private static final InetAddress BALANCER = ip("10.0.0.2");
    private static final InetAddress STRANGER = ip("198.51.100.9");

    private static InetAddress ip(String literal) {
        return TrustedProxies.literal(literal);
    }

    private static InetAddress client(InetAddress peer, String... headerNameValues) {
        HttpFields.Mutable headers = HttpFields.build();
        for (int i = 0; i < headerNameValues.length; i += 2) {
            headers.add(headerNameValues[i], headerNameValues[i + 1]);
        }
        return ForwardedClient.client(PROXIES, peer, headers);
    }

    @Test
    void headersFromAnUntrustedPeerAreIgnored() {
        assertThat(client(STRANGER, "X-Forwarded-For", "203.0.113.7")).isEqualTo(STRANGER);
        assertThat(client(STRANGER, "Forwarded", "for=203.0.113.7")).isEqualTo(STRANGER);
        assertThat(ForwardedClient.client(TrustedProxies.none(), BALANCER,
                HttpFields.build().add("X-Forwarded-For", "203.0.113.7"))).isEqualTo(BALANCER);
    }

    @Test
    void aTrustedPeerWithoutHeadersIsTheClient() {
        assertThat(client(BALANCER)).isEqualTo(BALANCER);
    }

    @Test
    void theFirstUntrustedAddressFromTheRightIsTheClient() {
        // the client wrote 1.1.1.1 itself; the balancer appended the address it saw
        assertThat(client(BALANCER, "X-Forwarded-For", "1.1.1.1, 203.0.113.7")).isEqualTo(ip("203.0.113.7"));
        // two trusted hops: the edge proxy 10.0.0.5 forwarded to the balancer
        assertThat(client(BALANCER, "X-Forwarded-For", "1.1.1.1, 203.0.113.7, 10.0.0.5")).isEqualTo(ip("203.0.113.7"));
        // the same chain over two header lines
        assertThat(client(BALANCER, "X-Forwarded-For", "1.1.1.1, 203.0.113.7", "X-Forwarded-For", "10.0.0.5"))
                .isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void aChainOfOnlyTrustedAddressesEndsAtItsLeftMostHop() {
        assertThat(client(BALANCER, "X-Forwarded-For", "10.9.9.9, 10.0.0.5")).isEqualTo(ip("10.9.9.9"));
    }

    @Test
    void readsForwardedForWithQuotesPortsAndIpv6() {
        assertThat(client(BALANCER, "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https, for=10.0.0.5"))
                .isEqualTo(ip("2001:db8::7"));
        assertThat(client(BALANCER, "Forwarded", "for=192.0.2.60:8080;by=10.0.0.2")).isEqualTo(ip("192.0.2.60"));
        assertThat(client(BALANCER, "Forwarded", "For=\"198.51.100.17\"")).isEqualTo(ip("198.51.100.17"));
        assertThat(client(ip("fd00::2"), "X-Forwarded-For", "2001:db8::9, fd00::5")).isEqualTo(ip("2001:db8::9"));
        assertThat(client(ip("fd00::2"), "X-Forwarded-For", "[2001:db8::9]:443")).isEqualTo(ip("2001:db8::9"));
    }

    @Test
    void xForwardedForWinsOverAForwardedHeaderThatAClientCouldHaveSent() {
        assertThat(client(BALANCER, "Forwarded", "for=1.1.1.1", "X-Forwarded-For", "203.0.113.7"))
                .isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void anUnknownOrObfuscatedHopStopsAtTheLastAddressATrustedProxyVouchedFor() {
        assertThat(client(BALANCER, "Forwarded", "for=unknown")).isEqualTo(BALANCER);
        assertThat(client(BALANCER, "Forwarded", "for=_hidden, for=10.0.0.5")).isEqualTo(ip("10.0.0.5"));
        assertThat(client(BALANCER, "Forwarded", "proto=https")).isEqualTo(BALANCER);
        // a garbage hop left of an untrusted one does not matter: the walk stopped before it
        assertThat(client(BALANCER, "X-Forwarded-For", "garbage, 203.0.113.7")).isEqualTo(ip("203.0.113.7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",,,", "not an address", "203.0.113.7:", "[2001:db8::1", "[]", "\"", "for=\"",
            "1.2.3.4.5", "999.1.1.1", "localhost", "example.com", "fe80::1%eth0", "[203.0.113.7]x",
            "\u0000", "203.0.113.7\u00001"})
    void aMalformedHeaderNeverThrowsAndNeverNamesAnAddressNobodyVouchedFor(String value) {
        assertThat(client(BALANCER, "X-Forwarded-For", value)).isEqualTo(BALANCER);
        assertThat(client(BALANCER, "Forwarded", value)).isEqualTo(BALANCER);
        assertThat(client(BALANCER, "Forwarded", "for=" + value)).isEqualTo(BALANCER);
    }

    @Test
    void nodesParseWithoutDns() {
        assertThat(ForwardedClient.node("192.0.2.1:80")).isEqualTo(ip("192.0.2.1"));
        assertThat(ForwardedClient.node("\"[::1]\"")).isEqualTo(ip("::1"));
        assertThat(ForwardedClient.node("[2001:db8::1]:_port")).isEqualTo(ip("2001:db8::1"));
        assertThat(ForwardedClient.node("[::1]:x")).isNull();
        assertThat(ForwardedClient.node("192.0.2.1:99999999")).isNull();
        assertThat(ForwardedClient.node("localhost:80")).isNull();
    }
}
