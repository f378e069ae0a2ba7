package io.nextops.server.auth;

import io.nextops.web.ApiException;
import io.nextops.server.http.ApiErrorFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * On {@code /metrics} and {@code /health/memory}: open to clients on the loopback interface, and to others that send
 * {@code Authorization: Bearer <METRICS_TOKEN>} when that token is configured (compared in constant time); everyone
 * else gets 403. Thread-safe.
 */
final class MetricsAccessFilter implements Filter {
    static final String[] PATHS = {"/metrics/*", "/health/memory/*"};

    private final byte[] token;

    /** {@code metricsToken} null: loopback only. */
    MetricsAccessFilter(String metricsToken) {
        this.token = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (allowed(request.getRemoteAddr(), request.getHeader("Authorization"))) {
            chain.doFilter(req, resp);
            return;
        }
        ApiErrorFilter.respond((HttpServletResponse) resp, ApiException.permissionDenied(
                "Metrics are readable from loopback or with the metrics token only."));
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
