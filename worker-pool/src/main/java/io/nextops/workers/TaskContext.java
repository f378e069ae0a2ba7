package io.nextops.workers;

/**
 * Handed to a task while it runs, so that it can say how to cancel what it holds when the pool gives up on it.
 *
 * <pre>{@code
 * pool.execute(task -> {
 *     try (Statement st = connection.createStatement()) {
 *         task.onCancel(() -> cancelQuietly(st));  // unblocks a query that an interrupt would not
 *         st.execute(sql);
 *     }
 * });
 * }</pre>
 *
 * <p>Thread-safe: the task registers actions on its own thread, the pool runs them on its watchdog thread.
 */
public interface TaskContext {

    /**
     * Registers an action that the pool runs when this task times out or is still running at the shutdown deadline:
     * after the task's stack trace is logged and before its thread is interrupted. Actions run on the pool's single
     * watchdog thread, in registration order, so they must be quick and must not wait for the task; an exception from
     * one is logged and the next still runs. Registered after the pool gave up, the action runs at once, on the
     * caller's thread.
     */
    void onCancel(Runnable action);

    /** Whether the pool has given up on this task (timeout or shutdown deadline); the thread is or will be interrupted. */
    boolean isCancelled();
}
