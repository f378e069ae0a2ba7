package io.nextops.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the container memory limit and usage under a cgroup root (normally {@code /sys/fs/cgroup}):
 * v2 {@code memory.max} / {@code memory.current}, else v1 {@code memory/memory.limit_in_bytes} /
 * {@code memory/memory.usage_in_bytes}.
 *
 * <p>"max", values of 2^60 bytes or more (v1 writes ~2^63 for "no limit") and unreadable or garbled files mean no
 * limit; missing files mean no cgroup information. It reads the root of the mounted hierarchy, which inside a container
 * (cgroup namespace) is the container's own group; on a host without a namespace it shows the root group, i.e. no
 * limit. Stateless, so thread-safe.
 */
final class CgroupReader {
    /** Anything at or above 1 EiB is "no limit" in practice. */
    static final long UNLIMITED_AT_OR_ABOVE = 1L << 60;

    private final Path root;

    CgroupReader(Path root) {
        this.root = root;
    }

    static CgroupReader system() {
        return new CgroupReader(Path.of("/sys/fs/cgroup"));
    }

    CgroupMemory read() {
        Path v2Max = root.resolve("memory.max");
        Path v2Current = root.resolve("memory.current");
        if (Files.exists(v2Max) || Files.exists(v2Current)) {
            return new CgroupMemory("v2", limit(v2Max), usage(v2Current));
        }
        Path v1 = root.resolve("memory");
        Path v1Limit = v1.resolve("memory.limit_in_bytes");
        Path v1Usage = v1.resolve("memory.usage_in_bytes");
        if (Files.exists(v1Limit) || Files.exists(v1Usage)) {
            return new CgroupMemory("v1", limit(v1Limit), usage(v1Usage));
        }
        return CgroupMemory.NONE;
    }

    private static long limit(Path file) {
        long value = number(file);
        return value <= 0 || value >= UNLIMITED_AT_OR_ABOVE ? -1 : value;
    }

    private static long usage(Path file) {
        long value = number(file);
        return value >= UNLIMITED_AT_OR_ABOVE ? -1 : value;
    }

    /** The single number in a cgroup file, or -1 for "max", missing, unreadable or garbled content. */
    static long number(Path file) {
        String text;
        try {
            text = Files.readString(file).trim();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        if (text.isEmpty() || text.length() > 32) {
            return -1;
        }
        try {
            long value = Long.parseLong(text);
            return value < 0 ? -1 : value;
        } catch (NumberFormatException e) {
            return -1; // "max" or garbage
        }
    }
}
