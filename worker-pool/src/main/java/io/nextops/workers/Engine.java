package io.nextops.workers;

import java.util.function.Consumer;

/**
 * How tasks get a thread: fixed recycled platform workers, or one virtual thread per task.
 *
 * <p>Implementations are thread-safe.
 */
interface Engine {

    void start();

    /** Accepts the task or returns false at once when the pool is full; never blocks. */
    boolean offer(TaskRun run);

    /** Takes back a task accepted while the pool was shutting down; false if a thread already has it. */
    boolean withdraw(TaskRun run);

    int busy();

    int queued();

    /** Visits the tasks running now (for the watchdog). */
    void forEachRunning(Consumer<TaskRun> action);

    /** Waits until every task has finished and every pool thread has ended, or until the deadline. */
    boolean awaitTermination(long deadlineNanos) throws InterruptedException;

    /** At the shutdown deadline: drops queued tasks and aborts running ones; returns how many were aborted. */
    int stop();
}
