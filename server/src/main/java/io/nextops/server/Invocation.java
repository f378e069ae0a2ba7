package io.nextops.server;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of the command line works with: the environment variables and the three standard streams. Commands
 * read their configuration from {@code env} and never from {@link System#getenv()}, so that tests pass their own.
 * Immutable and thread-safe as far as the streams are.
 *
 * @param env the environment variables
 * @param in standard input (the password of {@code create-user})
 * @param out standard output
 * @param err standard error
 */
public record Invocation(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    public Invocation {
        env = Map.copyOf(env);
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(out, "out must not be null");
        Objects.requireNonNull(err, "err must not be null");
    }
}
