package io.nextops.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private static InetAddress ip(String literal) {
        InetAddress a = TrustedProxies.literal(literal);
        assertThat(a).as(literal).isNotNull();
        return a;
    }

    @Test
    void matchesIpv4CidrsAtTheirBoundaries() {
        TrustedProxies p = TrustedProxies.parse("10.0.0.0/8, 192.168.4.0/22");
        assertThat(p.trusts(ip("10.0.0.0"))).isTrue();
        assertThat(p.trusts(ip("10.255.255.255"))).isTrue();
        assertThat(p.trusts(ip("11.0.0.0"))).isFalse();
        assertThat(p.trusts(ip("192.168.7.255"))).isTrue();
        assertThat(p.trusts(ip("192.168.8.0"))).isFalse();
        assertThat(p.trusts(ip("192.168.3.255"))).isFalse();
    }

    @Test
    void matchesIpv6CidrsAndKeepsTheFamiliesApart() {
        TrustedProxies p = TrustedProxies.parse("fd00::/8,2001:db8:1::/48");
        assertThat(p.trusts(ip("fd12:3456::1"))).isTrue();
        assertThat(p.trusts(ip("fe00::1"))).isFalse();
        assertThat(p.trusts(ip("2001:db8:1:ffff::9"))).isTrue();
        assertThat(p.trusts(ip("2001:db8:2::1"))).isFalse();
        assertThat(p.trusts(ip("10.0.0.1"))).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts(ip("::1"))).isFalse();
    }

    @Test
    void aBareAddressIsThatOneAddressAndAnIpv4MappedPeerMatchesItsIpv4Cidr() {
        TrustedProxies p = TrustedProxies.parse("127.0.0.1, ::1");
        assertThat(p.cidrs()).containsExactly("127.0.0.1/32", "0:0:0:0:0:0:0:1/128");
        assertThat(p.trusts(ip("127.0.0.1"))).isTrue();
        assertThat(p.trusts(ip("127.0.0.2"))).isFalse();
        assertThat(p.trusts(ip("::1"))).isTrue();
        assertThat(p.trusts(ip("::ffff:127.0.0.1"))).isTrue();
    }

    @Test
    void emptyTrustsNobody() {
        assertThat(TrustedProxies.parse(" , ")).isEqualTo(TrustedProxies.none());
        assertThat(TrustedProxies.none().trusts(ip("127.0.0.1"))).isFalse();
        assertThat(TrustedProxies.none().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.0/33", "fd00::/129", "10.0.0.1/8", "10.0.0.0/-1", "10.0.0.0/",
            "10.0.0.0/8x", "010.0.0.0/8", "10.0.0/8", "256.0.0.0/8", "fd00::g/8", "[fd00::]/8", "fe80::1%eth0",
            "10.0.0.0/8/8"})
    void refusesAnythingButAnIpLiteralWithAValidPrefix(String bad) {
        assertThatThrownBy(() -> TrustedProxies.parse("192.0.2.0/24," + bad))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalNeverResolvesNames() {
        assertThat(TrustedProxies.literal("localhost")).isNull();
        assertThat(TrustedProxies.literal("example.com")).isNull();
        assertThat(TrustedProxies.literal("cafe:babe")).isNull();
        assertThat(TrustedProxies.literal("1.2.3")).isNull();
        assertThat(TrustedProxies.literal("")).isNull();
    }

    @Test
    void theVariableIsReadAndABadValueIsReportedWithTheOthers() {
        assertThat(ServerConfig.fromEnv(Map.of()).http().trustedProxies()).isEqualTo(TrustedProxies.none());
        assertThat(ServerConfig.fromEnv(Map.of("TRUSTED_PROXIES", "10.0.0.0/8,fd00::/8")).http().trustedProxies()
                .cidrs()).containsExactly("10.0.0.0/8", "fd00:0:0:0:0:0:0:0/8");
        assertThatThrownBy(() -> ServerConfig.fromEnv(Map.of("TRUSTED_PROXIES", "10.0.0.0/8,proxy.local",
                "PORT", "eighty")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "PORT: must be an integer between 0 and 65535, was \"eighty\"",
                                "TRUSTED_PROXIES: must be a comma-separated list of IPv4 or IPv6 CIDRs with no bits"
                                        + " set after the prefix (e.g. 10.0.0.0/8,fd00::/8), was"
                                        + " \"10.0.0.0/8,proxy.local\""));
    }
}
