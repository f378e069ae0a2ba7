package io.nextops.memory;

/**
 * How close the process is to its memory budget, in four bands (the bands of the original {@code check_memory.py}).
 *
 * <p>Thread-safety: immutable enum, safe to share.
 */
public enum MemoryStatus {
    /** Well under the budget. */
    EXCELLENT,
    /** Comfortable. */
    GOOD,
    /** Getting close: look at the history and the recommendations. */
    WARNING,
    /** At or near the budget: the process risks an OOM kill or swapping. */
    CRITICAL;

    /** True for {@link #WARNING} and {@link #CRITICAL}. */
    public boolean isAtLeastWarning() {
        return this == WARNING || this == CRITICAL;
    }
}
