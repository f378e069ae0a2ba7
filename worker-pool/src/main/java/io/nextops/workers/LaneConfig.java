package io.nextops.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Settings of one {@link Lane}: its own {@link WorkerPool} (the pool's name is the lane's name) and the memory the
 * tasks admitted to it may reserve together.
 *
 * <pre>{@code
 * LaneConfig heavy = LaneConfig.defaults("heavy")
 *     .withPool(pool -> pool.withWorkers(2).withQueueCapacity(8))
 *     .withCapacityBytes(256L << 20)
 *     .withOverflow(LaneConfig.Overflow.WAIT)
 *     .withMemoryGated(true);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pool          the lane's workers, queue, timeout and recycling; {@code pool.name()} names the lane
 * @param capacityBytes the most that the reservations of the lane's admitted tasks (queued or running) may add up
 *                      to, {@code >= 0}; a single reservation above it is refused with
 *                      {@link RejectedTaskException.Reason#RESERVATION_TOO_LARGE}. 0 admits only tasks that
 *                      reserve nothing
 * @param overflow      what happens to a reservation that does not fit beside the ones held now
 * @param memoryGated   whether the lane asks the {@link Lanes}' memory-pressure hook before admitting any task,
 *                      and refuses with {@link RejectedTaskException.Reason#MEMORY_UNAVAILABLE} while it says so
 */
public record LaneConfig(WorkerPoolConfig pool, long capacityBytes, Overflow overflow, boolean memoryGated) {

    /** What a lane does with a reservation that does not fit now. */
    public enum Overflow {
        /**
         * The task waits, in arrival order, until enough reserved bytes are released; waiting tasks count against
         * the pool's {@code queueCapacity} together with the queued ones, and beyond it the task is refused with
         * {@link RejectedTaskException.Reason#QUEUE_FULL}.
         */
        WAIT,
        /** The task is refused at once with {@link RejectedTaskException.Reason#MEMORY_UNAVAILABLE}. */
        REJECT
    }

    /** Validates all fields and reports every problem at once. */
    public LaneConfig {
        List<String> errors = new ArrayList<>();
        if (pool == null) {
            errors.add("pool must not be null");
        }
        if (capacityBytes < 0) {
            errors.add("capacityBytes must be >= 0, was " + capacityBytes);
        }
        if (overflow == null) {
            errors.add("overflow must not be null");
        }
        if (!errors.isEmpty()) {
            String lane = pool == null ? "?" : pool.name();
            throw new IllegalArgumentException("invalid lane config [" + lane + "]: " + String.join("; ", errors));
        }
    }

    /**
     * A lane named {@code name} with the pool defaults ({@link WorkerPoolConfig#defaults()}), no reservations
     * ({@code capacityBytes = 0}), {@link Overflow#WAIT} and not memory-gated.
     */
    public static LaneConfig defaults(String name) {
        return new LaneConfig(WorkerPoolConfig.defaults().withName(name), 0, Overflow.WAIT, false);
    }

    /** The lane's name, which is its pool's. */
    public String name() {
        return pool.name();
    }

    public LaneConfig withPool(WorkerPoolConfig pool) {
        return new LaneConfig(pool, capacityBytes, overflow, memoryGated);
    }

    /** Changes the pool config, e.g. {@code withPool(p -> p.withWorkers(2))}. */
    public LaneConfig withPool(UnaryOperator<WorkerPoolConfig> change) {
        return withPool(change.apply(pool));
    }

    public LaneConfig withCapacityBytes(long capacityBytes) {
        return new LaneConfig(pool, capacityBytes, overflow, memoryGated);
    }

    public LaneConfig withOverflow(Overflow overflow) {
        return new LaneConfig(pool, capacityBytes, overflow, memoryGated);
    }

    public LaneConfig withMemoryGated(boolean memoryGated) {
        return new LaneConfig(pool, capacityBytes, overflow, memoryGated);
    }
}
