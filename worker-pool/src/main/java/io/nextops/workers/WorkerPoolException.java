package io.nextops.workers;

/**
 * Base of every exception the worker pool throws or completes a future with; messages start with
 * {@code worker-pool[<name>] - }.
 *
 * <p>Immutable and thread-safe.
 */
public class WorkerPoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WorkerPoolException(String message) {
        super(message);
    }

    public WorkerPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
