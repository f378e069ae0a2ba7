package io.nextops.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of a {@link MemoryMonitor}. Start from {@link #defaults()} and change fields with the {@code withX}
 * methods, or read environment-style variables with {@link #fromEnv(Map)}.
 *
 * <p>The <b>budget</b> used by relative {@link Thresholds} is the container memory limit (cgroup v2 or v1) when there
 * is one, the configured {@code budgetMb} when there is none, and the smaller of the two when both exist (the tighter
 * constraint is the one that bites). {@code budgetMb == 0} means "not configured".
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param budgetMb          memory budget in MB (MiB) when no container limit is found; 0 = none
 * @param thresholds        RSS bands for the status
 * @param logSampleRate     fraction of requests that log a memory line, in [0, 1]; default 0.01
 * @param userAttribute     request attribute holding the user for CRITICAL lines (falls back to
 *                          {@code getRemoteUser()}); default {@code nextops.user}
 * @param sizeWarnBytes     request or response bodies above this many bytes log a warning; default 10 MiB
 * @param sampleInterval    background sampling interval; default 5 s
 * @param historySize       samples kept in the in-memory history; default 720 (one hour at 5 s)
 * @param leakWindow        period over which a rising RSS trend is looked for; default 15 min
 * @param leakMinRiseMb     least fitted RSS rise over the window, in MB, that counts as a leak trend; default 50
 */
public record MemoryConfig(long budgetMb, Thresholds thresholds, double logSampleRate, String userAttribute,
                           long sizeWarnBytes, Duration sampleInterval, int historySize,
                           Duration leakWindow, long leakMinRiseMb) {

    /** Names of the variables read by {@link #fromEnv(Map)}. */
    public static final String ENV_BUDGET_MB = "MEMORY_BUDGET_MB";
    public static final String ENV_THRESHOLDS = "MEMORY_THRESHOLDS";
    public static final String ENV_LOG_SAMPLE_RATE = "MEMORY_LOG_SAMPLE_RATE";
    public static final String ENV_USER_ATTRIBUTE = "MEMORY_USER_ATTRIBUTE";
    public static final String ENV_SIZE_WARN_MB = "MEMORY_SIZE_WARN_MB";
    public static final String ENV_SAMPLE_INTERVAL_SECONDS = "MEMORY_SAMPLE_INTERVAL_SECONDS";
    public static final String ENV_HISTORY_SIZE = "MEMORY_HISTORY_SIZE";
    public static final String ENV_LEAK_WINDOW_MINUTES = "MEMORY_LEAK_WINDOW_MINUTES";
    public static final String ENV_LEAK_MIN_RISE_MB = "MEMORY_LEAK_MIN_RISE_MB";

    public MemoryConfig {
        if (budgetMb < 0) {
            throw new IllegalArgumentException("budgetMb must be >= 0 (0 = none), was " + budgetMb);
        }
        Units.mbToBytes(budgetMb);
        Objects.requireNonNull(thresholds, "thresholds must not be null");
        if (!(logSampleRate >= 0.0 && logSampleRate <= 1.0)) {
            throw new IllegalArgumentException("logSampleRate must be in [0, 1], was " + logSampleRate);
        }
        if (userAttribute == null || userAttribute.isBlank()) {
            throw new IllegalArgumentException("userAttribute must not be blank, was '" + userAttribute + "'");
        }
        if (sizeWarnBytes < 1) {
            throw new IllegalArgumentException("sizeWarnBytes must be >= 1, was " + sizeWarnBytes);
        }
        Objects.requireNonNull(sampleInterval, "sampleInterval must not be null");
        if (sampleInterval.toMillis() < 10) {
            throw new IllegalArgumentException("sampleInterval must be >= 10ms, was " + sampleInterval);
        }
        if (historySize < 2 || historySize > 1_000_000) {
            throw new IllegalArgumentException("historySize must be in [2, 1000000], was " + historySize);
        }
        Objects.requireNonNull(leakWindow, "leakWindow must not be null");
        if (leakWindow.compareTo(sampleInterval.multipliedBy(4)) < 0) {
            throw new IllegalArgumentException("leakWindow must be >= 4 x sampleInterval (" + sampleInterval
                    .multipliedBy(4) + "), was " + leakWindow);
        }
        if (leakMinRiseMb < 1) {
            throw new IllegalArgumentException("leakMinRiseMb must be >= 1, was " + leakMinRiseMb);
        }
    }

    /** No budget, relative thresholds, 1% sampling, 10 MiB size warning, 5 s interval, 720 samples, 15 min / 50 MB. */
    public static MemoryConfig defaults() {
        return new MemoryConfig(0, Thresholds.defaults(), 0.01, "nextops.user", 10 * Units.BYTES_PER_MB,
                Duration.ofSeconds(5), 720, Duration.ofMinutes(15), 50);
    }

    public MemoryConfig withBudgetMb(long value) {
        return new MemoryConfig(value, thresholds, logSampleRate, userAttribute, sizeWarnBytes, sampleInterval,
                historySize, leakWindow, leakMinRiseMb);
    }

    public MemoryConfig withThresholds(Thresholds value) {
        return new MemoryConfig(budgetMb, value, logSampleRate, userAttribute, sizeWarnBytes, sampleInterval,
                historySize, leakWindow, leakMinRiseMb);
    }

    public MemoryConfig withLogSampleRate(double value) {
        return new MemoryConfig(budgetMb, thresholds, value, userAttribute, sizeWarnBytes, sampleInterval,
                historySize, leakWindow, leakMinRiseMb);
    }

    public MemoryConfig withUserAttribute(String value) {
        return new MemoryConfig(budgetMb, thresholds, logSampleRate, value, sizeWarnBytes, sampleInterval,
                historySize, leakWindow, leakMinRiseMb);
    }

    public MemoryConfig withSizeWarnBytes(long value) {
        return new MemoryConfig(budgetMb, thresholds, logSampleRate, userAttribute, value, sampleInterval,
                historySize, leakWindow, leakMinRiseMb);
    }

    public MemoryConfig withSampleInterval(Duration value) {
        return new MemoryConfig(budgetMb, thresholds, logSampleRate, userAttribute, sizeWarnBytes, value,
                historySize, leakWindow, leakMinRiseMb);
    }

    public MemoryConfig withHistorySize(int value) {
        return new MemoryConfig(budgetMb, thresholds, logSampleRate, userAttribute, sizeWarnBytes, sampleInterval,
                value, leakWindow, leakMinRiseMb);
    }

    public MemoryConfig withLeakWindow(Duration value) {
        return new MemoryConfig(budgetMb, thresholds, logSampleRate, userAttribute, sizeWarnBytes, sampleInterval,
                historySize, value, leakMinRiseMb);
    }

    public MemoryConfig withLeakMinRiseMb(long value) {
        return new MemoryConfig(budgetMb, thresholds, logSampleRate, userAttribute, sizeWarnBytes, sampleInterval,
                historySize, leakWindow, value);
    }

    /**
     * Reads the {@code MEMORY_*} variables (missing or blank ones keep their default) and throws one
     * {@link IllegalArgumentException} listing every invalid variable.
     *
     * <p>{@code MEMORY_THRESHOLDS} is {@code relative:0.5,0.7,0.85} or {@code absolute:500,1000,1500} (MB).
     */
    public static MemoryConfig fromEnv(Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        MemoryConfig config = fromEnv(env, errors::add);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid memory monitor configuration: " + String.join("; ", errors));
        }
        return config;
    }

    /**
     * Like {@link #fromEnv(Map)} but hands each problem (prefixed with its variable name) to {@code errors} and keeps
     * the default for that setting, so a caller can report the errors of all modules together.
     */
    public static MemoryConfig fromEnv(Map<String, String> env, Consumer<String> errors) {
        EnvReader r = new EnvReader(env, errors);
        MemoryConfig c = defaults();
        c = r.apply(c, ENV_BUDGET_MB, v -> c0 -> c0.withBudgetMb(Long.parseLong(v)));
        c = r.apply(c, ENV_THRESHOLDS, v -> c0 -> c0.withThresholds(parseThresholds(v)));
        c = r.apply(c, ENV_LOG_SAMPLE_RATE, v -> c0 -> c0.withLogSampleRate(Double.parseDouble(v)));
        c = r.apply(c, ENV_USER_ATTRIBUTE, v -> c0 -> c0.withUserAttribute(v));
        c = r.apply(c, ENV_SIZE_WARN_MB, v -> c0 -> c0.withSizeWarnBytes(Units.mbToBytes(Long.parseLong(v))));
        c = r.apply(c, ENV_SAMPLE_INTERVAL_SECONDS,
                v -> c0 -> c0.withSampleInterval(Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000))));
        c = r.apply(c, ENV_HISTORY_SIZE, v -> c0 -> c0.withHistorySize(Integer.parseInt(v)));
        c = r.apply(c, ENV_LEAK_WINDOW_MINUTES, v -> c0 -> c0.withLeakWindow(Duration.ofMinutes(Long.parseLong(v))));
        c = r.apply(c, ENV_LEAK_MIN_RISE_MB, v -> c0 -> c0.withLeakMinRiseMb(Long.parseLong(v)));
        return c;
    }

    static Thresholds parseThresholds(String text) {
        String[] kindAndValues = text.trim().toLowerCase(Locale.ROOT).split(":", 2);
        if (kindAndValues.length != 2) {
            throw new IllegalArgumentException("expected relative:a,b,c or absolute:a,b,c");
        }
        String[] parts = kindAndValues[1].split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected three comma-separated bounds");
        }
        switch (kindAndValues[0].trim()) {
            case "relative":
                return Thresholds.relative(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                        Double.parseDouble(parts[2].trim()));
            case "absolute":
                return Thresholds.absoluteMb(Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()),
                        Long.parseLong(parts[2].trim()));
            default:
                throw new IllegalArgumentException("expected relative:a,b,c or absolute:a,b,c");
        }
    }
}
