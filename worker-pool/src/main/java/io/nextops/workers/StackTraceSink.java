package io.nextops.workers;

/**
 * Where the pool reports a task it gives up on (timeout or shutdown deadline), with the task's stack trace at that
 * moment. The default logs at WARN; tests plug in a recording sink.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
interface StackTraceSink {

    void taskCancelled(String message, Throwable stackTrace);
}
