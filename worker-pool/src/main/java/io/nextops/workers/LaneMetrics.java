package io.nextops.workers;

/**
 * A point-in-time view of one {@link Lane}, read without locks (each number is exact when read, but the numbers are
 * not taken in one atomic step), for {@code /metrics} and health pages.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name                        the lane's name
 * @param workers                     configured workers (concurrency limit)
 * @param busy                        workers running a task now
 * @param queued                      tasks waiting now: for a worker, plus {@code waitingForMemory}
 * @param waitingForMemory            tasks admitted to wait until their reservation fits
 * @param queueCapacity               the bound on {@code queued}
 * @param reservedBytes               the sum of the reservations held by queued and running tasks
 * @param capacityBytes               configured bound on {@code reservedBytes}
 * @param reservations                how many tasks hold a reservation now
 * @param completed                   tasks that returned normally in time
 * @param failed                      tasks that threw before their timeout
 * @param timedOut                    tasks cancelled and interrupted after the task timeout
 * @param rejectedQueueFull           refusals for {@link RejectedTaskException.Reason#QUEUE_FULL}
 * @param rejectedReservationTooLarge refusals for {@link RejectedTaskException.Reason#RESERVATION_TOO_LARGE}
 * @param rejectedMemoryUnavailable   refusals for {@link RejectedTaskException.Reason#MEMORY_UNAVAILABLE}
 * @param rejectedShutdown            refusals for {@link RejectedTaskException.Reason#SHUTDOWN}
 */
public record LaneMetrics(
        String name,
        int workers,
        int busy,
        int queued,
        int waitingForMemory,
        int queueCapacity,
        long reservedBytes,
        long capacityBytes,
        int reservations,
        long completed,
        long failed,
        long timedOut,
        long rejectedQueueFull,
        long rejectedReservationTooLarge,
        long rejectedMemoryUnavailable,
        long rejectedShutdown) {

    /** All refusals, whatever the reason. */
    public long rejected() {
        return rejectedQueueFull + rejectedReservationTooLarge + rejectedMemoryUnavailable + rejectedShutdown;
    }

    /** The refusals for one reason, e.g. to label a Prometheus counter {@code reason="queue_full"}. */
    public long rejected(RejectedTaskException.Reason reason) {
        return switch (reason) {
            case QUEUE_FULL -> rejectedQueueFull;
            case RESERVATION_TOO_LARGE -> rejectedReservationTooLarge;
            case MEMORY_UNAVAILABLE -> rejectedMemoryUnavailable;
            case SHUTDOWN -> rejectedShutdown;
        };
    }
}
