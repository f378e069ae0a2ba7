package io.nextops.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The {@link io.nextops.web.route.Access#METRICS} rule: open to clients on the loopback interface, and to others that
 * send {@code Authorization: Bearer <METRICS_TOKEN>} when that token is configured (compared in constant time).
 * Thread-safe.
 */
final class MetricsAccess {
    private final byte[] token;

    /** {@code metricsToken} null: loopback only. */
    MetricsAccess(String metricsToken) {
        this.token = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    boolean allowed(String remoteAddress, String authorization) {
        if (isLoopback(remoteAddress)) {
            return true;
        }
        if (token == null || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        // only IP literals: no name lookup (Jetty gives the peer's address, never a name)
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '%')) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
