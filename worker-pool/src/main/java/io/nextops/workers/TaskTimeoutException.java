package io.nextops.workers;

import java.time.Duration;

/**
 * Completes the future of a task that ran past {@link WorkerPoolConfig#taskTimeout()}, at the moment the pool gave
 * up on it (the task's thread may still be winding down after the interrupt). Also logged, with the task's stack
 * trace at the timeout, at WARN.
 *
 * <p>Immutable and thread-safe.
 */
public final class TaskTimeoutException extends WorkerPoolException {

    private static final long serialVersionUID = 1L;

    private final transient Duration timeout;

    TaskTimeoutException(String message, Duration timeout) {
        super(message);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
