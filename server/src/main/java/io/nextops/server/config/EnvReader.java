package io.nextops.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads typed values from an environment map, collecting every problem instead of failing on the first.
 * A variable may have aliases (e.g. {@code GUNICORN_WORKERS} for {@code WORKERS}); the plain name wins.
 * Not thread-safe; used once at start-up.
 */
final class EnvReader {
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

    int integer(String name, int defaultValue, int min, int max, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> {
            long v = Long.parseLong(raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return (int) v;
        }, "an integer");
    }

    Duration seconds(String name, Duration defaultValue, long minSeconds, long maxSeconds, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> {
            long v = Long.parseLong(raw);
            if (v < minSeconds || v > maxSeconds) {
                throw new IllegalArgumentException("must be between " + minSeconds + " and " + maxSeconds + " seconds");
            }
            return Duration.ofSeconds(v);
        }, "a whole number of seconds");
    }

    double fraction(String name, double defaultValue, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> {
            double v = Double.parseDouble(raw);
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new IllegalArgumentException("must be between 0.0 and 1.0");
            }
            return v;
        }, "a number between 0.0 and 1.0");
    }

    boolean bool(String name, boolean defaultValue, String... aliases) {
        return parse(name, defaultValue, aliases, raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        }, "true or false");
    }

    <T> T parse(String name, T defaultValue, String[] aliases, Function<String, T> parser, String expected) {
        String used = setName(name, aliases);
        if (used == null) {
            return defaultValue;
        }
        String raw = env.get(used).trim();
        try {
            return parser.apply(raw);
        } catch (NumberFormatException e) {
            problems.add(used + ": must be " + expected + ", was \"" + raw + "\"");
        } catch (IllegalArgumentException e) {
            problems.add(used + ": " + e.getMessage() + ", was \"" + raw + "\"");
        }
        return defaultValue;
    }

    void problem(String message) {
        problems.add(message);
    }
}
