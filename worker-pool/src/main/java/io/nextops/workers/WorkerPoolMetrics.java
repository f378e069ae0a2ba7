package io.nextops.workers;

/**
 * A point-in-time view of a {@link WorkerPool}, read without locks (each number is exact when read, but the
 * numbers are not taken in one atomic step). Every started task ends in exactly one of {@code completed},
 * {@code failed} or {@code timedOut}, or is cut off by shutdown.
 *
 * <p>Immutable and thread-safe.
 *
 * @param workers       configured workers (concurrency limit)
 * @param busy          workers running a task now
 * @param queued        tasks waiting for a worker now
 * @param queueCapacity configured queue bound
 * @param completed     tasks that returned normally in time
 * @param rejected      submissions refused (queue full or pool shut down)
 * @param timedOut      tasks cancelled and interrupted after the task timeout
 * @param recycled      workers retired after their task quota and replaced by a fresh thread
 * @param failed        tasks that threw before their timeout
 */
public record WorkerPoolMetrics(
        int workers,
        int busy,
        int queued,
        int queueCapacity,
        long completed,
        long rejected,
        long timedOut,
        long recycled,
        long failed) {
}
