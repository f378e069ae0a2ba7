package io.nextops.server.config;

import java.util.List;

/** Thrown when one or more configuration variables are invalid; carries every problem, each naming its variable. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with the variable name. */
    public List<String> problems() {
        return problems;
    }
}
