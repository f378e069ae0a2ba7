package io.nextops.workers;

/**
 * Thrown at once by {@code execute}/{@code submit} when a task cannot be accepted, with the {@link #reason() reason}
 * as an enum so that a caller can pick its answer (a 503 with {@code Retry-After} for a full queue, a 413 for a
 * reservation that can never fit) without parsing the message. Also completes the future of a task that was still
 * queued when {@link WorkerPool#shutdown(java.time.Duration)} gave up. The message names the pool and its state, e.g.
 * {@code worker-pool[exports] - task rejected: queue full (workers=8, busy=8, queued=64, queueCapacity=64)}.
 *
 * <p>A refused memory reservation of a {@link Lane} throws the subtype {@link ReservationRejectedException}, which
 * adds the bytes asked for, reserved and available.
 *
 * <p>Immutable and thread-safe.
 */
public sealed class RejectedTaskException extends WorkerPoolException permits ReservationRejectedException {

    private static final long serialVersionUID = 1L;

    /** Why a task was refused. */
    public enum Reason {
        /** Every worker busy and the bounded queue full: retry later. */
        QUEUE_FULL("queue full"),
        /** The pool (or lane) is shutting down or shut down, or shut down before the task started. */
        SHUTDOWN("pool is shut down"),
        /** The task's memory reservation is larger than its lane's whole capacity: it can never run there. */
        RESERVATION_TOO_LARGE("reservation too large"),
        /**
         * The reservation does not fit beside the ones held now and the lane does not wait, or the caller's memory
         * status says no heavy work may start (e.g. memory CRITICAL): retry later.
         */
        MEMORY_UNAVAILABLE("memory unavailable");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The words used in the message, e.g. {@code queue full}. */
        public String text() {
            return text;
        }
    }

    private final String poolName;
    private final Reason reason;
    private final int workers;
    private final int busy;
    private final int queued;
    private final int queueCapacity;

    RejectedTaskException(String poolName, Reason reason, String detail, int workers, int busy, int queued,
            int queueCapacity) {
        this(poolName, reason, detail, workers, busy, queued, queueCapacity, "");
    }

    RejectedTaskException(String poolName, Reason reason, String detail, int workers, int busy, int queued,
            int queueCapacity, String extra) {
        super("worker-pool[" + poolName + "] - task rejected: " + (detail == null ? reason.text() : detail)
                + " (" + extra + "workers=" + workers + ", busy=" + busy + ", queued=" + queued
                + ", queueCapacity=" + queueCapacity + ")");
        this.poolName = poolName;
        this.reason = reason;
        this.workers = workers;
        this.busy = busy;
        this.queued = queued;
        this.queueCapacity = queueCapacity;
    }

    public String poolName() {
        return poolName;
    }

    public Reason reason() {
        return reason;
    }

    /** Configured worker count (concurrency limit). */
    public int workers() {
        return workers;
    }

    /** Workers running a task when the task was rejected. */
    public int busy() {
        return busy;
    }

    /** Tasks waiting (in the queue, or for memory) when the task was rejected. */
    public int queued() {
        return queued;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
