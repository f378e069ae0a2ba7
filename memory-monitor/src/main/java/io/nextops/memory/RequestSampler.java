package io.nextops.memory;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** Decides which requests log a memory line. Implementations are thread-safe. */
@FunctionalInterface
interface RequestSampler {

    boolean sample();

    /** One {@link ThreadLocalRandom} draw per request: a few nanoseconds, no contention. */
    static RequestSampler of(double rate) {
        if (rate <= 0.0) {
            return () -> false;
        }
        if (rate >= 1.0) {
            return () -> true;
        }
        return () -> ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** Reproducible draws for tests ({@link Random} is thread-safe, if slower under contention). */
    static RequestSampler seeded(double rate, long seed) {
        Random random = new Random(seed);
        return () -> random.nextDouble() < rate;
    }
}
