package io.nextops.server.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Authentication settings. {@code jwtSecret} null means: generated once and kept in
 * {@code $NEXTOPS_DATA_DIR/jwt-secret}. {@code metricsToken} null means: metrics only from loopback.
 * A limit of 0 failed logins turns that limit off. {@code toString()} never shows the secret or the token.
 * Immutable and thread-safe.
 */
public record AuthConfig(String jwtSecret, Duration accessTokenLifetime, Duration refreshTokenLifetime,
                         String metricsToken, int passwordIterations, int maxFailuresPerUsername,
                         int maxFailuresPerAddress, Duration failureWindow) {
    /** Shortest accepted {@code JWT_SECRET}, in bytes (HS256 wants a key at least as long as its hash). */
    public static final int MIN_SECRET_BYTES = 32;
    /** Iterations of new password hashes by default: Django 4.2's count. */
    public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;

    public AuthConfig {
        if (jwtSecret != null && jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("jwtSecret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (accessTokenLifetime.isNegative() || accessTokenLifetime.isZero()) {
            throw new IllegalArgumentException("accessTokenLifetime must be > 0, was " + accessTokenLifetime);
        }
        if (refreshTokenLifetime.isNegative() || refreshTokenLifetime.isZero()) {
            throw new IllegalArgumentException("refreshTokenLifetime must be > 0, was " + refreshTokenLifetime);
        }
        if (passwordIterations < 1) {
            throw new IllegalArgumentException("passwordIterations must be >= 1, was " + passwordIterations);
        }
        if (maxFailuresPerUsername < 0 || maxFailuresPerAddress < 0) {
            throw new IllegalArgumentException("failure limits must be >= 0, were " + maxFailuresPerUsername
                    + " and " + maxFailuresPerAddress);
        }
        if (failureWindow.isNegative() || failureWindow.isZero()) {
            throw new IllegalArgumentException("failureWindow must be > 0, was " + failureWindow);
        }
    }

    /** The defaults with {@code secret}; for tests and tools. */
    public static AuthConfig withSecret(String secret) {
        return new AuthConfig(secret, Duration.ofMinutes(60), Duration.ofDays(7), null, DEFAULT_PASSWORD_ITERATIONS,
                5, 20, Duration.ofMinutes(15));
    }

    @Override
    public String toString() {
        return "AuthConfig[jwtSecret=" + (jwtSecret == null ? "generated" : "***") + ", accessTokenLifetime="
                + accessTokenLifetime + ", refreshTokenLifetime=" + refreshTokenLifetime + ", metricsToken="
                + (metricsToken == null ? "unset" : "***") + ", passwordIterations=" + passwordIterations
                + ", maxFailuresPerUsername=" + maxFailuresPerUsername + ", maxFailuresPerAddress="
                + maxFailuresPerAddress + ", failureWindow=" + failureWindow + "]";
    }

    /** The {@code JWT_*}, {@code METRICS_TOKEN}, {@code PASSWORD_HASH_ITERATIONS} and {@code LOGIN_*} variables. */
    static AuthConfig fromEnv(EnvReader r, boolean externalDatabase) {
        String secret = r.string("JWT_SECRET", null);
        if (secret == null && externalDatabase) {
            r.problem("JWT_SECRET: required when DATABASE_URL is set (at least " + MIN_SECRET_BYTES
                    + " bytes; e.g. openssl rand -base64 48)");
        } else if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            // the value itself is a secret: only its length is reported
            r.problem("JWT_SECRET: must be at least " + MIN_SECRET_BYTES + " bytes, was "
                    + secret.getBytes(StandardCharsets.UTF_8).length);
            secret = null;
        }
        int accessMinutes = r.integer("JWT_ACCESS_TOKEN_LIFETIME_MINUTES", 60, 1, 7 * 24 * 60);
        int refreshDays = r.integer("JWT_REFRESH_TOKEN_LIFETIME_DAYS", 7, 1, 365);
        String metricsToken = r.string("METRICS_TOKEN", null);
        if (metricsToken != null && metricsToken.length() < 16) {
            r.problem("METRICS_TOKEN: must be at least 16 characters, was " + metricsToken.length());
            metricsToken = null;
        }
        int iterations = r.integer("PASSWORD_HASH_ITERATIONS", DEFAULT_PASSWORD_ITERATIONS, 1_000, 10_000_000);
        int perUsername = r.integer("LOGIN_MAX_FAILURES_PER_USERNAME", 5, 0, 1_000_000);
        int perAddress = r.integer("LOGIN_MAX_FAILURES_PER_ADDRESS", 20, 0, 1_000_000);
        Duration window = r.seconds("LOGIN_FAILURE_WINDOW_SECONDS", Duration.ofMinutes(15), 1, 86_400);
        return new AuthConfig(secret, Duration.ofMinutes(accessMinutes), Duration.ofDays(refreshDays), metricsToken,
                iterations, perUsername, perAddress, window);
    }
}
