package io.nextops.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Settings of a {@link MemoryMonitor}. Start from {@link #defaults()} and change fields with the {@code withX}
 * methods, or read environment-style variables with {@link #fromEnv(Map)} (or {@link #fromEnv(Variables)} from an
 * application's own reader).
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

    /** Names of the variables read by {@link #fromEnv(Variables)}. */
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
     * Where {@link #fromEnv(Variables)} reads the {@code MEMORY_*} variables and reports a bad one. An application
     * that reads its own variables implements it with its own reader, so that every variable reads and reports alike.
     */
    public interface Variables {
        /** The value of the variable {@code name}, trimmed; null when it is unset or blank. */
        String value(String name);

        /** Reports that the value of {@code name} is invalid; {@code expected} completes "must be ...". */
        void invalid(String name, String expected);
    }

    /**
     * Reads the {@code MEMORY_*} variables (missing or blank ones keep their default) and throws one
     * {@link IllegalArgumentException} listing every invalid variable as {@code NAME: must be ..., was "value"}.
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
     * Like {@link #fromEnv(Map)} but hands each problem to {@code errors} and keeps the default for that setting, so a
     * caller can report the errors of all modules together.
     */
    public static MemoryConfig fromEnv(Map<String, String> env, Consumer<String> errors) {
        return fromEnv(new EnvReader(env, errors));
    }

    /**
     * Reads the {@code MEMORY_*} variables from {@code env}; each invalid one is reported to
     * {@link Variables#invalid} and keeps its default, so the result is always a valid config.
     */
    public static MemoryConfig fromEnv(Variables env) {
        MemoryConfig d = defaults();
        long budgetMb = read(env, ENV_BUDGET_MB, d.budgetMb(), "a whole number of MB, 0 (none) or more",
                v -> {
                    long mb = atLeast(Long.parseLong(v), 0);
                    Units.mbToBytes(mb); // throws ArithmeticException when the bytes would not fit a long
                    return mb;
                });
        Thresholds thresholds = read(env, ENV_THRESHOLDS, d.thresholds(),
                "relative:a,b,c (rising fractions of the budget, at most 1) or absolute:a,b,c (rising MB)",
                MemoryConfig::parseThresholds);
        double logSampleRate = read(env, ENV_LOG_SAMPLE_RATE, d.logSampleRate(), "a number between 0.0 and 1.0", v -> {
            double rate = Double.parseDouble(v);
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException();
            }
            return rate;
        });
        String userAttribute = read(env, ENV_USER_ATTRIBUTE, d.userAttribute(), "a name", v -> v);
        long sizeWarnBytes = read(env, ENV_SIZE_WARN_MB, d.sizeWarnBytes(), "a whole number of MB, 1 or more",
                v -> Units.mbToBytes(atLeast(Long.parseLong(v), 1)));
        Duration sampleInterval = read(env, ENV_SAMPLE_INTERVAL_SECONDS, d.sampleInterval(),
                "a number of seconds between 0.01 and 86400", v -> {
                    double seconds = Double.parseDouble(v);
                    if (!(seconds >= 0.01 && seconds <= 86_400)) {
                        throw new IllegalArgumentException();
                    }
                    return Duration.ofMillis(Math.round(seconds * 1000));
                });
        int historySize = read(env, ENV_HISTORY_SIZE, d.historySize(), "an integer between 2 and 1000000",
                v -> (int) between(Long.parseLong(v), 2, 1_000_000));
        Duration leakWindow = read(env, ENV_LEAK_WINDOW_MINUTES, d.leakWindow(),
                "a whole number of minutes between 1 and 10080", v -> Duration.ofMinutes(between(Long.parseLong(v), 1, 10_080)));
        long leakMinRiseMb = read(env, ENV_LEAK_MIN_RISE_MB, d.leakMinRiseMb(), "a whole number of MB, 1 or more",
                v -> atLeast(Long.parseLong(v), 1));
        if (leakWindow.compareTo(sampleInterval.multipliedBy(4)) < 0) {
            if (env.value(ENV_LEAK_WINDOW_MINUTES) != null) {
                env.invalid(ENV_LEAK_WINDOW_MINUTES, "at least 4 x " + ENV_SAMPLE_INTERVAL_SECONDS + " ("
                        + sampleInterval.multipliedBy(4).toMillis() / 1000.0 + " s)");
            } else {
                env.invalid(ENV_SAMPLE_INTERVAL_SECONDS, "at most a quarter of " + ENV_LEAK_WINDOW_MINUTES + " ("
                        + leakWindow.toMinutes() + " min)");
            }
            sampleInterval = d.sampleInterval();
            leakWindow = d.leakWindow();
        }
        return new MemoryConfig(budgetMb, thresholds, logSampleRate, userAttribute, sizeWarnBytes, sampleInterval,
                historySize, leakWindow, leakMinRiseMb);
    }

    /** The parsed value of {@code name}, or {@code defaultValue} when it is unset or (reported) invalid. */
    private static <T> T read(Variables env, String name, T defaultValue, String expected, Function<String, T> parser) {
        String raw = env.value(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) { // NumberFormatException, IllegalArgumentException, ArithmeticException
            env.invalid(name, expected);
            return defaultValue;
        }
    }

    private static long atLeast(long value, long min) {
        return between(value, min, Long.MAX_VALUE);
    }

    private static long between(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException();
        }
        return value;
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
