package io.nextops.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsAccessTest {
    private final MetricsAccess withToken = new MetricsAccess("metrics-token-0123456789");
    private final MetricsAccess loopbackOnly = new MetricsAccess(null);

    @Test
    void loopbackClientsNeedNoToken() {
        for (String address : new String[] {"127.0.0.1", "127.8.9.10", "::1", "[::1]", "0:0:0:0:0:0:0:1"}) {
            assertThat(loopbackOnly.allowed(address, null)).as(address).isTrue();
        }
    }

    @Test
    void otherClientsNeedTheConfiguredToken() {
        assertThat(withToken.allowed("10.1.2.3", "Bearer metrics-token-0123456789")).isTrue();
        assertThat(withToken.allowed("10.1.2.3", null)).isFalse();
        assertThat(withToken.allowed("10.1.2.3", "Bearer metrics-token-012345678")).isFalse();
        assertThat(withToken.allowed("10.1.2.3", "metrics-token-0123456789")).isFalse();
        assertThat(withToken.allowed("2001:db8::1", "Bearer wrong")).isFalse();
    }

    @Test
    void withoutATokenOnlyLoopbackIsAllowed() {
        assertThat(loopbackOnly.allowed("10.1.2.3", "Bearer anything")).isFalse();
        assertThat(loopbackOnly.allowed("192.168.0.1", null)).isFalse();
    }

    @Test
    void namesAndGarbageAreNeverLoopback() {
        assertThat(MetricsAccess.isLoopback("localhost")).isFalse();
        assertThat(MetricsAccess.isLoopback("")).isFalse();
        assertThat(MetricsAccess.isLoopback(null)).isFalse();
    }
}
