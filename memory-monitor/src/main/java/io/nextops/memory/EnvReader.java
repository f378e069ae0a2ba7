package io.nextops.memory;

import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** Applies one variable at a time to a config, collecting errors instead of stopping at the first. */
final class EnvReader {
    private final Map<String, String> env;
    private final Consumer<String> errors;

    EnvReader(Map<String, String> env, Consumer<String> errors) {
        this.env = env;
        this.errors = errors;
    }

    MemoryConfig apply(MemoryConfig config, String name, Function<String, UnaryOperator<MemoryConfig>> change) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return config;
        }
        String value = raw.trim();
        try {
            return change.apply(value).apply(config);
        } catch (RuntimeException e) { // NumberFormatException, IllegalArgumentException, ArithmeticException
            errors.accept(name + "='" + value + "': " + e.getMessage());
            return config;
        }
    }
}
