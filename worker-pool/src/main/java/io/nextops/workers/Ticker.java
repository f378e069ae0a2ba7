package io.nextops.workers;

/**
 * A source of {@link System#nanoTime()}-style readings, so that tests can move time by hand. The pool uses it to
 * decide when a task has run past its timeout.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences matter. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
