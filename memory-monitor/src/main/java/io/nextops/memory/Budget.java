package io.nextops.memory;

import java.util.OptionalLong;

/**
 * The memory the process may use: the container limit and the configured budget, the smaller when both exist.
 *
 * @param bytes  the budget, -1 when none is known
 * @param source "container", "configured" or "none"
 */
record Budget(long bytes, String source) {
    static final Budget NONE = new Budget(-1, "none");

    static Budget of(long containerLimitBytes, long configuredBytes) {
        boolean container = containerLimitBytes > 0;
        boolean configured = configuredBytes > 0;
        if (container && (!configured || containerLimitBytes <= configuredBytes)) {
            return new Budget(containerLimitBytes, "container");
        }
        if (configured) {
            return new Budget(configuredBytes, "configured");
        }
        return NONE;
    }

    OptionalLong asOptional() {
        return bytes > 0 ? OptionalLong.of(bytes) : OptionalLong.empty();
    }
}
