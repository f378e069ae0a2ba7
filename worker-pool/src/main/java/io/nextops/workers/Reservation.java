package io.nextops.workers;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bytes one task holds in its {@link Lane} from admission until the task ends (or is dropped before it starts).
 * Released exactly once, whichever party sees the end first.
 *
 * <p>Thread-safe.
 */
final class Reservation {

    final Lane lane;
    final long bytes;
    private final AtomicBoolean released = new AtomicBoolean();

    Reservation(Lane lane, long bytes) {
        this.lane = lane;
        this.bytes = bytes;
    }

    /** Gives the bytes back to the lane, which may start tasks waiting for them; idempotent. */
    void release() {
        if (released.compareAndSet(false, true)) {
            lane.released(this);
        }
    }

    /** Marks the reservation released without telling the lane; true if it was still held. For the lane itself. */
    boolean markReleased() {
        return released.compareAndSet(false, true);
    }
}
