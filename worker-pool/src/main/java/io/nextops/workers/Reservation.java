package io.nextops.workers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Bytes one task holds in its {@link Lane} from admission until the task ends (or is dropped before it starts).
 * Released exactly once, whichever party sees the end first.
 *
 * <p>Thread-safe.
 */
final class Reservation {

    private static final VarHandle RELEASED;

    static {
        try {
            RELEASED = MethodHandles.lookup().findVarHandle(Reservation.class, "released", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Lane lane;
    final long bytes;
    @SuppressWarnings("unused") // through RELEASED
    private volatile boolean released;

    Reservation(Lane lane, long bytes) {
        this.lane = lane;
        this.bytes = bytes;
    }

    /** Gives the bytes back to the lane, which may start tasks waiting for them; idempotent. */
    void release() {
        if (markReleased()) {
            lane.released(this);
        }
    }

    /** Marks the reservation released without telling the lane; true if it was still held. For the lane itself. */
    boolean markReleased() {
        return RELEASED.compareAndSet(this, false, true);
    }
}
