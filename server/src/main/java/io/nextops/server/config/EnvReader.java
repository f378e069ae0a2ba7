package io.nextops.server.config;

import io.nextops.memory.MemoryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed values from an environment map, collecting every problem instead of failing on the first, each as
 * {@code NAME: must be ..., was "value"}. A variable may have aliases (e.g. {@code GUNICORN_WORKERS} for
 * {@code WORKERS}); the plain name wins. The libraries' variables are read through it too (it is memory-monitor's
 * {@link MemoryConfig.Variables}), so every variable reads and reports alike. Not thread-safe; used once at start-up.
 */
final class EnvReader implements MemoryConfig.Variables {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    EnvReader(Map<String, String> env) {
        this.env = env;
    }

    List<String> problems() {
        return problems;
    }

    /** The name actually set among {@code name} and its aliases, or null when none is set (blank counts as unset). */
    String setName(String name, String... aliases) {
        if (isSet(name)) {
            return name;
        }
        for (String alias : aliases) {
            if (isSet(alias)) {
                return alias;
            }
        }
        return null;
    }

    private boolean isSet(String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    String string(String name, String defaultValue, String... aliases) {
        String used = setName(name, aliases);
        return used == null ? defaultValue : env.get(used).trim();
    }

    /** The trimmed value of {@code name}, or null when it is unset or blank. */
    @Override
    public String value(String name) {
        return string(name, null);
    }

    /** Records {@code NAME: must be <expected>, was "<value>"}. */
    @Override
    public void invalid(String name, String expected) {
        problems.add(name + ": must be " + expected + ", was \"" + value(name) + "\"");
    }

    int integer(String name, int defaultValue, int min, int max, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> (int) between(Long.parseLong(raw), min, max),
                "an integer between " + min + " and " + max);
    }

    Duration seconds(String name, Duration defaultValue, long minSeconds, long maxSeconds, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> Duration.ofSeconds(between(Long.parseLong(raw), minSeconds,
                maxSeconds)), "a whole number of seconds between " + minSeconds + " and " + maxSeconds);
    }

    double fraction(String name, double defaultValue, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> {
            double v = Double.parseDouble(raw);
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException();
            }
            return v;
        }, "a number between 0.0 and 1.0");
    }

    boolean bool(String name, boolean defaultValue, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException();
        }, "true or false");
    }

    /**
     * The value of {@code name} (or the first alias set) through {@code parser}, or {@code defaultValue} when none is
     * set; when {@code parser} throws, the problem {@code must be <expected>} is recorded and the default returned.
     */
    <T> T parse(String name, T defaultValue, String[] aliases, Function<String, T> parser, String expected) {
        String used = setName(name, aliases);
        if (used == null) {
            return defaultValue;
        }
        try {
            return parser.apply(env.get(used).trim());
        } catch (RuntimeException e) { // NumberFormatException, IllegalArgumentException, ArithmeticException
            invalid(used, expected);
        }
        return defaultValue;
    }

    private static long between(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException();
        }
        return value;
    }

    /** A problem that is not about the format of a value (a missing secret, Java too old); starts with the name. */
    void problem(String message) {
        problems.add(message);
    }
}
