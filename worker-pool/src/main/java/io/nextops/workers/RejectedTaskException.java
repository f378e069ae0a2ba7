package io.nextops.workers;

/**
 * Thrown at once by {@code execute}/{@code submit} when every worker is busy and the queue is full, or when the pool
 * no longer accepts tasks; also completes the future of a task that was still queued when
 * {@link WorkerPool#shutdown(java.time.Duration)} gave up. The message names the pool and its state, e.g.
 * {@code worker-pool[exports] - task rejected: queue full (workers=8, busy=8, queued=64, queueCapacity=64)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class RejectedTaskException extends WorkerPoolException {

    private static final long serialVersionUID = 1L;

    private final String poolName;
    private final int workers;
    private final int busy;
    private final int queued;
    private final int queueCapacity;

    RejectedTaskException(String poolName, String reason, int workers, int busy, int queued, int queueCapacity) {
        super("worker-pool[" + poolName + "] - task rejected: " + reason + " (workers=" + workers + ", busy=" + busy
                + ", queued=" + queued + ", queueCapacity=" + queueCapacity + ")");
        this.poolName = poolName;
        this.workers = workers;
        this.busy = busy;
        this.queued = queued;
        this.queueCapacity = queueCapacity;
    }

    public String poolName() {
        return poolName;
    }

    /** Configured worker count (concurrency limit). */
    public int workers() {
        return workers;
    }

    /** Workers running a task when the task was rejected. */
    public int busy() {
        return busy;
    }

    /** Tasks waiting in the queue when the task was rejected. */
    public int queued() {
        return queued;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
