package io.nextops.workers;

import java.time.Duration;

/**
 * What {@link WorkerPool#shutdown(Duration)} achieved.
 *
 * <p>Immutable and thread-safe.
 *
 * @param completedDuringDrain tasks that finished (in any way) between the call and its return
 * @param interrupted          tasks still running at the deadline, cancelled and interrupted
 * @param neverStarted         queued tasks dropped at the deadline; their futures fail with
 *                             {@link RejectedTaskException}
 * @param terminated           whether every pool thread had ended when the call returned
 * @param elapsed              how long the call took
 */
public record ShutdownReport(
        long completedDuringDrain,
        int interrupted,
        int neverStarted,
        boolean terminated,
        Duration elapsed) {

    /** True when nothing was interrupted or dropped. */
    public boolean clean() {
        return interrupted == 0 && neverStarted == 0;
    }
}
