package io.nextops.memory;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link MemoryConfig.Variables} of {@link MemoryConfig#fromEnv(Map)}: an environment map, each problem handed to
 * {@code problems} as {@code NAME: must be ..., was "value"} (the server's format too). Not thread-safe.
 */
final class EnvReader implements MemoryConfig.Variables {
    private final Map<String, String> env;
    private final Consumer<String> problems;

    EnvReader(Map<String, String> env, Consumer<String> problems) {
        this.env = env;
        this.problems = problems;
    }

    @Override
    public String value(String name) {
        String raw = env.get(name);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    @Override
    public void invalid(String name, String expected) {
        problems.accept(name + ": must be " + expected + ", was \"" + value(name) + "\"");
    }
}
