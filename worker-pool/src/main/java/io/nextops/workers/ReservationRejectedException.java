package io.nextops.workers;

/**
 * A {@link Lane} refused a task because of its memory reservation: {@link Reason#RESERVATION_TOO_LARGE} when it is
 * larger than the lane's whole capacity (it can never run there), {@link Reason#MEMORY_UNAVAILABLE} when it does not
 * fit beside the reservations held now (and the lane does not wait) or the caller's memory status refused all heavy
 * work. The message says which, e.g.
 * {@code worker-pool[heavy] - task rejected: reservation too large (reservationBytes=600000000,
 * reservedBytes=0, capacityBytes=268435456, workers=2, busy=0, queued=0, queueCapacity=8)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReservationRejectedException extends RejectedTaskException {

    private static final long serialVersionUID = 1L;

    private final long reservationBytes;
    private final long reservedBytes;
    private final long capacityBytes;

    ReservationRejectedException(String poolName, Reason reason, String detail, long reservationBytes,
            long reservedBytes, long capacityBytes, int workers, int busy, int queued, int queueCapacity) {
        super(poolName, reason, detail, workers, busy, queued, queueCapacity, "reservationBytes=" + reservationBytes
                + ", reservedBytes=" + reservedBytes + ", capacityBytes=" + capacityBytes + ", ");
        this.reservationBytes = reservationBytes;
        this.reservedBytes = reservedBytes;
        this.capacityBytes = capacityBytes;
    }

    /** What the refused task asked for. */
    public long reservationBytes() {
        return reservationBytes;
    }

    /** The sum of the reservations held in the lane when the task was refused. */
    public long reservedBytes() {
        return reservedBytes;
    }

    /** The lane's configured capacity. */
    public long capacityBytes() {
        return capacityBytes;
    }
}
