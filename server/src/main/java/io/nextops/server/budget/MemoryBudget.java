package io.nextops.server.budget;

import io.nextops.memory.Thresholds;
import io.nextops.server.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The memory budget of the server process, and every setting derived from it: the JVM options (heap, metaspace, code
 * cache, thread stacks, direct memory, GC, native-heap trim), the glibc malloc arena count, and the server's own limits
 * (heavy jobs at once, memory status bands). One knob, {@code MEMORY_BUDGET_MB}; the formula lives here only (the
 * launcher asks this class through {@link LauncherOptions}, the server through {@link HeapCheck}).
 *
 * <pre>{@code
 * MemoryBudget budget = MemoryBudget.fromEnv(System.getenv(), MemoryBudget.containerLimitBytes());
 * List<String> jvm = budget.jvmOptions();   // [-Xms8m, -Xmx96m, -XX:+UseSerialGC, ...] at 256 MB
 * }</pre>
 *
 * <p>The formula (B = budget in MB; see docs/deploy.md for the table):
 * <ul>
 *   <li>heap {@code -Xmx}: 3/8 of B up to 512 MB, then B/2 - 64 (the non-heap part barely grows with B);
 *       {@code -Xms8m} so that an idle server does not hold heap it never used</li>
 *   <li>metaspace: B/4 within [80, 160] MB (the application loads about 45 MB of class metadata)</li>
 *   <li>code cache: B/8 within [24, 64] MB</li>
 *   <li>thread stack: 256 KB below 512 MB, 512 KB from 512 MB</li>
 *   <li>direct memory: B/8 within [16, 128] MB (Jetty's and the upload hasher's buffers)</li>
 *   <li>GC: Serial up to 1024 MB (one core's worth of pauses on a heap under 450 MB), G1 above; heap free ratios
 *       10/30 so that the heap shrinks back after a burst</li>
 *   <li>native heap: {@code MALLOC_ARENA_MAX} 2 up to 1024 MB, else 4; glibc trim every 5 s (JDK 17.0.9+; ignored by
 *       older JVMs)</li>
 *   <li>heavy jobs at once (exports, uploads, imports): (B - 128) / 32 within [1, 8]</li>
 *   <li>memory status bands: 50% / 70% / 85% of B (EXCELLENT / GOOD / WARNING, CRITICAL above); CRITICAL stops
 *       admitting heavy jobs</li>
 * </ul>
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param mb     the budget in MB (MiB), in [{@value #MIN_MB}, {@value #MAX_MB}]
 * @param source where it came from: {@link Source}
 */
public record MemoryBudget(long mb, Source source) {
    /** The variable that sets the budget. */
    public static final String ENV = "MEMORY_BUDGET_MB";
    /** The budget when neither the variable nor a cgroup limit gives one. */
    public static final long DEFAULT_MB = 256;
    /** Below this the server does not start: its idle footprint alone is about 75 MB. */
    public static final long MIN_MB = 128;
    public static final long MAX_MB = 1L << 20;

    /** Where the budget came from. */
    public enum Source {
        /** {@code MEMORY_BUDGET_MB} (the cgroup limit was larger or absent). */
        CONFIGURED,
        /** the process's cgroup memory limit. */
        CGROUP,
        /** neither: {@value #DEFAULT_MB} MB. */
        DEFAULT
    }

    public MemoryBudget {
        if (mb < MIN_MB || mb > MAX_MB) {
            throw new IllegalArgumentException(ENV + " must be between " + MIN_MB + " and " + MAX_MB + ", was " + mb
                    + (source == Source.CGROUP ? " (from the cgroup memory limit)" : ""));
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
    }

    /**
     * The budget from {@code MEMORY_BUDGET_MB}, or from the cgroup limit, or {@value #DEFAULT_MB} MB; the smaller one
     * when both the variable and a cgroup limit exist (the tighter constraint is the one that bites).
     *
     * @param env                 environment variables
     * @param containerLimitBytes the cgroup memory limit, empty when there is none
     * @throws IllegalArgumentException naming {@code MEMORY_BUDGET_MB} and the value when it is not a whole number
     *                                  in range
     */
    public static MemoryBudget fromEnv(Map<String, String> env, OptionalLong containerLimitBytes) {
        String raw = env.get(ENV);
        OptionalLong cgroupMb = containerLimitBytes.isPresent() && containerLimitBytes.getAsLong() > 0
                ? OptionalLong.of(containerLimitBytes.getAsLong() >> 20) : OptionalLong.empty();
        if (raw != null && !raw.isBlank()) {
            long configured;
            try {
                configured = Long.parseLong(raw.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ENV + " must be a whole number of MB, was \"" + raw + "\"");
            }
            if (cgroupMb.isPresent() && cgroupMb.getAsLong() < configured) {
                return new MemoryBudget(cgroupMb.getAsLong(), Source.CGROUP);
            }
            return new MemoryBudget(configured, Source.CONFIGURED);
        }
        if (cgroupMb.isPresent()) {
            return new MemoryBudget(cgroupMb.getAsLong(), Source.CGROUP);
        }
        return new MemoryBudget(DEFAULT_MB, Source.DEFAULT);
    }

    /**
     * The budget of this process ({@link #fromEnv} with {@link #containerLimitBytes()}).
     *
     * @throws ConfigException naming {@code MEMORY_BUDGET_MB} when it is invalid (exit status 2)
     */
    public static MemoryBudget ofThisProcess(Map<String, String> env) {
        try {
            return fromEnv(env, containerLimitBytes());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(e.getMessage()));
        }
    }

    /** This process's cgroup memory limit (v2 or v1), empty when there is none. */
    public static OptionalLong containerLimitBytes() {
        return io.nextops.memory.MemoryMonitor.containerLimitBytes();
    }

    /** Maximum heap, {@code -Xmx}. */
    public long heapMb() {
        return mb <= 512 ? mb * 3 / 8 : mb / 2 - 64;
    }

    /** Initial heap, {@code -Xms}. */
    public long initialHeapMb() {
        return 8;
    }

    public long metaspaceMb() {
        return clamp(mb / 4, 80, 160);
    }

    public long codeCacheMb() {
        return clamp(mb / 8, 24, 64);
    }

    public long threadStackKb() {
        return mb < 512 ? 256 : 512;
    }

    public long directMemoryMb() {
        return clamp(mb / 8, 16, 128);
    }

    /** Whether the serial collector is used (else G1). */
    public boolean serialGc() {
        return mb <= 1024;
    }

    /** glibc {@code MALLOC_ARENA_MAX}: few arenas, as each thread's arena otherwise keeps up to 64 MB of address. */
    public int mallocArenas() {
        return mb <= 1024 ? 2 : 4;
    }

    /** Interval of the JVM's periodic glibc {@code malloc_trim}, in ms. */
    public long nativeTrimIntervalMs() {
        return 5000;
    }

    /** How many heavy jobs (exports, uploads, imports) may run at once. */
    public int heavyJobs() {
        return (int) clamp((mb - 128) / 32, 1, 8);
    }

    /**
     * What the heavy lane's memory reservations may add up to ({@code HEAVY_MEMORY_MB}): three quarters of what the
     * budget leaves above the server's idle 128 MB, at least 16 MB (96 MB of a 256 MB budget).
     */
    public long heavyMemoryMb() {
        return Math.max(16, (mb - 128) * 3 / 4);
    }

    /** The memory status bands, as fractions of this budget. */
    public Thresholds thresholds() {
        return Thresholds.relative(0.50, 0.70, 0.85);
    }

    /** The heap that fits this budget; a JVM whose {@code Runtime.maxMemory()} is larger may outgrow it. */
    public long heapBytes() {
        return heapMb() << 20;
    }

    /** The JVM options, in the order the launcher passes them (user options come after them and win). */
    public List<String> jvmOptions() {
        List<String> o = new ArrayList<>();
        o.add("-Xms" + initialHeapMb() + "m");
        o.add("-Xmx" + heapMb() + "m");
        o.add(serialGc() ? "-XX:+UseSerialGC" : "-XX:+UseG1GC");
        o.add("-XX:MinHeapFreeRatio=10");
        o.add("-XX:MaxHeapFreeRatio=30");
        o.add("-Xss" + threadStackKb() + "k");
        o.add("-XX:MaxMetaspaceSize=" + metaspaceMb() + "m");
        o.add("-XX:ReservedCodeCacheSize=" + codeCacheMb() + "m");
        o.add("-XX:MaxDirectMemorySize=" + directMemoryMb() + "m");
        // TrimNativeHeapInterval exists from JDK 17.0.9 / 21.0.1 on; older JVMs skip it instead of refusing to start
        o.add("-XX:+IgnoreUnrecognizedVMOptions");
        o.add("-XX:TrimNativeHeapInterval=" + nativeTrimIntervalMs());
        return List.copyOf(o);
    }

    /**
     * Environment defaults that carry the budget into the server's own settings: {@code MEMORY_BUDGET_MB} (so that the
     * status bands apply to this budget even without a cgroup), {@code HEAVY_WORKERS} ({@link #heavyJobs()}),
     * {@code HEAVY_MEMORY_MB} ({@link #heavyMemoryMb()}) and {@code MEMORY_THRESHOLDS}. A variable already set
     * keeps its value.
     */
    public Map<String, String> withDefaults(Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(env);
        putIfBlank(merged, ENV, Long.toString(mb));
        putIfBlank(merged, "HEAVY_WORKERS", Integer.toString(heavyJobs()));
        putIfBlank(merged, "HEAVY_MEMORY_MB", Long.toString(heavyMemoryMb()));
        Thresholds t = thresholds();
        putIfBlank(merged, "MEMORY_THRESHOLDS", "relative:" + t.excellentBelowFraction() + ","
                + t.goodBelowFraction() + "," + t.warningBelowFraction());
        return Map.copyOf(merged);
    }

    /** The derived settings by name, for the start-up log and {@code /health/memory}. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("budgetMb", mb);
        d.put("source", source.name().toLowerCase(java.util.Locale.ROOT));
        d.put("heapMb", heapMb());
        d.put("metaspaceMb", metaspaceMb());
        d.put("codeCacheMb", codeCacheMb());
        d.put("threadStackKb", threadStackKb());
        d.put("directMemoryMb", directMemoryMb());
        d.put("gc", serialGc() ? "serial" : "g1");
        d.put("mallocArenaMax", mallocArenas());
        d.put("heavyJobs", heavyJobs());
        d.put("heavyMemoryMb", heavyMemoryMb());
        return d;
    }

    private static void putIfBlank(Map<String, String> env, String name, String value) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            env.put(name, value);
        }
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
