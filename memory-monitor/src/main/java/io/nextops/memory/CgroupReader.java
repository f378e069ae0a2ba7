package io.nextops.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
    private final Path selfCgroup;

    /** Reads the groups at {@code root} only (tests, or a container whose group is the mount root). */
    CgroupReader(Path root) {
        this(root, null);
    }

    /**
     * Reads the group this process belongs to, as named in {@code selfCgroup} ({@code /proc/self/cgroup}), below
     * {@code root}: outside a cgroup namespace the process's own group is not the mount root (a server started in a
     * child group of a memory-limited group must see that limit).
     */
    CgroupReader(Path root, Path selfCgroup) {
        this.root = root;
        this.selfCgroup = selfCgroup;
    }

    static CgroupReader system() {
        return new CgroupReader(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"));
    }

    CgroupMemory read() {
        String v2Path = "/";
        String v1Path = "/";
        for (String line : selfLines()) {
            String[] parts = line.split(":", 3);
            if (parts.length != 3) {
                continue;
            }
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                v2Path = parts[2];
            } else if (Arrays.asList(parts[1].split(",")).contains("memory")) {
                v1Path = parts[2];
            }
        }
        Path v2Group = below(root, v2Path);
        if (Files.exists(v2Group.resolve("memory.max")) || Files.exists(root.resolve("memory.max"))
                || Files.exists(root.resolve("memory.current"))) {
            return new CgroupMemory("v2", lowestLimit(root, v2Group, "memory.max"),
                    usage(existing(v2Group.resolve("memory.current"), root.resolve("memory.current"))));
        }
        Path v1Root = root.resolve("memory");
        Path v1Group = below(v1Root, v1Path);
        if (Files.exists(v1Root.resolve("memory.limit_in_bytes")) || Files.exists(v1Root.resolve("memory.usage_in_bytes"))
                || Files.exists(v1Group.resolve("memory.limit_in_bytes"))) {
            return new CgroupMemory("v1", lowestLimit(v1Root, v1Group, "memory.limit_in_bytes"),
                    usage(existing(v1Group.resolve("memory.usage_in_bytes"), v1Root.resolve("memory.usage_in_bytes"))));
        }
        return CgroupMemory.NONE;
    }

    private List<String> selfLines() {
        if (selfCgroup == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(selfCgroup);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The group directory for {@code path} (as in /proc/self/cgroup) below a hierarchy's mount; never above it. */
    private static Path below(Path mount, String path) {
        Path group = mount;
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".") && !part.equals("..")) {
                group = group.resolve(part);
            }
        }
        return Files.isDirectory(group) ? group : mount;
    }

    /** The smallest limit set on the group or any ancestor up to the mount (limits nest), or -1 for none. */
    private static long lowestLimit(Path mount, Path group, String file) {
        long lowest = -1;
        for (Path g = group; g != null && g.startsWith(mount); g = g.getParent()) {
            long value = limit(g.resolve(file));
            if (value > 0 && (lowest < 0 || value < lowest)) {
                lowest = value;
            }
            if (g.equals(mount)) {
                break;
            }
        }
        return lowest;
    }

    private static Path existing(Path preferred, Path fallback) {
        return Files.exists(preferred) ? preferred : fallback;
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
