package io.nextops.workers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane of a {@link Lanes}: its own {@link WorkerPool} (workers, bounded queue, timeout, recycling) plus a
 * memory budget that the tasks admitted to it share. A task declares the bytes it may hold
 * ({@code reservationBytes}); it is admitted only while the reservations of the lane's queued and running tasks
 * fit {@link LaneConfig#capacityBytes()}, and its reservation is released when it ends, whichever way: it returns,
 * throws, is interrupted after its timeout (released when its body actually returns, since until then it still
 * holds the memory), is cancelled before it starts, or is dropped at shutdown.
 *
 * <pre>{@code
 * Lane heavy = lanes.lane("heavy");
 * CompletableFuture<Long> rows = heavy.submit(64L << 20, task -> exportInvoices(task));  // may throw checked
 * }</pre>
 *
 * <p>Admission, in this order, never blocking the caller:
 * <ol>
 *   <li>a memory-gated lane asks the memory-pressure hook; while it says so, every task is refused with
 *       {@link RejectedTaskException.Reason#MEMORY_UNAVAILABLE};</li>
 *   <li>a task reserving nothing goes straight to the pool: the per-task path of a plain {@link WorkerPool};</li>
 *   <li>a reservation above the capacity is refused with {@link RejectedTaskException.Reason#RESERVATION_TOO_LARGE};</li>
 *   <li>a reservation that fits beside the held ones (and nobody waits before it) is held and the task queued;
 *       a full pool refuses it with {@link RejectedTaskException.Reason#QUEUE_FULL} and the bytes are given back;</li>
 *   <li>otherwise, with {@link LaneConfig.Overflow#WAIT}, the task waits in arrival order while queued plus waiting
 *       tasks stay within the pool's {@code queueCapacity} (beyond: {@code QUEUE_FULL}); with
 *       {@link LaneConfig.Overflow#REJECT} it is refused with {@code MEMORY_UNAVAILABLE}.</li>
 * </ol>
 * A waiting task is queued as soon as released bytes let it fit (the memory hook is not asked again: it was
 * admitted); one that cannot be queued then, or is still waiting at shutdown, has its future failed with the
 * {@link RejectedTaskException} (a fire-and-forget task is logged at WARN). All refusals are thrown as
 * {@link RejectedTaskException}; the two about memory as its subtype {@link ReservationRejectedException}.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class Lane {

    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    private final LaneConfig config;
    private final WorkerPool pool;
    private final PoolCore core;
    private final String name;
    private final long capacityBytes;
    private final int queueCapacity;
    /** Null when the lane is not memory-gated. */
    private final BooleanSupplier memoryPressure;

    private final Object lock = new Object();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>(); // guarded by lock
    private boolean closed; // guarded by lock
    /** Written under lock, read without it by metrics(). */
    private volatile long reservedBytes;
    private volatile int reservations;
    private volatile int waitingCount;

    private final LongAdder rejectedTooLarge = new LongAdder();
    private final LongAdder rejectedMemory = new LongAdder();

    private record Waiting(TaskRun run, long bytes) {
    }

    Lane(LaneConfig config, WorkerPool pool, BooleanSupplier memoryPressure) {
        this.config = config;
        this.pool = pool;
        this.core = pool.core();
        this.name = config.name();
        this.capacityBytes = config.capacityBytes();
        this.queueCapacity = config.pool().queueCapacity();
        this.memoryPressure = config.memoryGated() ? memoryPressure : null;
    }

    public String name() {
        return name;
    }

    public LaneConfig config() {
        return config;
    }

    /** Queues a task that reserves nothing, or throws at once; see {@link WorkerPool#execute(Runnable)}. */
    public void execute(Runnable task) {
        admit(TaskRun.of(requireTask(task)), 0);
    }

    /** Queues a task that reserves nothing, handing it its {@link TaskContext}, or throws at once. */
    public void execute(Consumer<TaskContext> task) {
        admit(TaskRun.of(requireTask(task)), 0);
    }

    /**
     * Queues (or parks, waiting for memory) a task that may hold up to {@code reservationBytes}, or throws at once.
     * Its failure is logged at ERROR and counted.
     *
     * @throws IllegalArgumentException if {@code reservationBytes < 0}
     * @throws RejectedTaskException    with the {@link RejectedTaskException#reason() reason} it was refused for
     */
    public void execute(long reservationBytes, Consumer<TaskContext> task) {
        admit(TaskRun.of(requireTask(task)), reservationBytes);
    }

    /** Like {@link WorkerPool#submit(Callable)}, reserving nothing. */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        admit(TaskRun.of(requireTask(task), future), 0);
        return cast(future);
    }

    /** Like {@link WorkerPool#submit(ContextualTask)}, reserving nothing. */
    public <T> CompletableFuture<T> submit(ContextualTask<T> task) {
        return submit(0, task);
    }

    /**
     * Queues (or parks, waiting for memory) a task that may hold up to {@code reservationBytes} and returns its
     * result as a future, or throws at once. The task may throw checked exceptions; they fail the future.
     *
     * @throws IllegalArgumentException if {@code reservationBytes < 0}
     * @throws RejectedTaskException    with the {@link RejectedTaskException#reason() reason} it was refused for
     */
    public <T> CompletableFuture<T> submit(long reservationBytes, ContextualTask<T> task) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        admit(TaskRun.of(requireTask(task), future), reservationBytes);
        return cast(future);
    }

    /** A lock-free snapshot of the lane's gauges and counters. */
    public LaneMetrics metrics() {
        WorkerPoolMetrics m = pool.metrics();
        int waitingNow = waitingCount;
        return new LaneMetrics(name, m.workers(), m.busy(), m.queued() + waitingNow, waitingNow, m.queueCapacity(),
                reservedBytes, capacityBytes, reservations, m.completed(), m.failed(), m.timedOut(),
                core.rejectedQueueFull.sum(), rejectedTooLarge.sum(), rejectedMemory.sum(), core.rejectedShutdown.sum());
    }

    @Override
    public String toString() {
        return "Lane[" + metrics() + "]";
    }

    WorkerPool pool() {
        return pool;
    }

    private void admit(TaskRun run, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("reservationBytes must be >= 0, was " + bytes);
        }
        if (memoryPressure != null && memoryPressure.getAsBoolean()) {
            rejectedMemory.increment();
            throw refusal(RejectedTaskException.Reason.MEMORY_UNAVAILABLE,
                    "memory unavailable: the memory status refuses new work in this lane", bytes);
        }
        if (bytes == 0) {
            pool.enqueue(run);
            return;
        }
        if (bytes > capacityBytes) {
            rejectedTooLarge.increment();
            throw refusal(RejectedTaskException.Reason.RESERVATION_TOO_LARGE,
                    "reservation too large: more than the lane's whole capacity", bytes);
        }
        synchronized (lock) {
            if (closed) {
                throw core.rejection(RejectedTaskException.Reason.SHUTDOWN, pool.busy(), queuedNow());
            }
            if (waiting.isEmpty() && reservedBytes + bytes <= capacityBytes) {
                Reservation held = hold(bytes);
                run.reservation = held;
                try {
                    pool.enqueue(run);
                } catch (RuntimeException e) {
                    if (held.markReleased()) {
                        unhold(bytes);
                    }
                    throw e;
                }
                return;
            }
            if (config.overflow() == LaneConfig.Overflow.REJECT) {
                rejectedMemory.increment();
                throw refusal(RejectedTaskException.Reason.MEMORY_UNAVAILABLE,
                        "memory unavailable: the reservation does not fit beside the ones held", bytes);
            }
            if (queuedNow() >= queueCapacity) {
                throw core.rejection(RejectedTaskException.Reason.QUEUE_FULL, pool.busy(), queuedNow());
            }
            waiting.add(new Waiting(run, bytes));
            waitingCount = waiting.size();
        }
    }

    /** Called once per reservation when its task ends or is dropped: frees the bytes and starts who now fits. */
    void released(Reservation reservation) {
        List<Waiting> failed = null;
        List<RuntimeException> reasons = null;
        synchronized (lock) {
            unhold(reservation.bytes);
            while (!waiting.isEmpty()) {
                Waiting head = waiting.peek();
                if (head.run.future != null && head.run.future.isDone()) {
                    waiting.poll(); // cancelled while it waited
                    continue;
                }
                if (reservedBytes + head.bytes > capacityBytes) {
                    break; // strict arrival order: a large reservation is not overtaken for ever by small ones
                }
                waiting.poll();
                Reservation held = hold(head.bytes);
                head.run.reservation = held;
                try {
                    pool.enqueue(head.run);
                } catch (RuntimeException e) { // rejected, or no virtual thread could be started
                    if (held.markReleased()) {
                        unhold(head.bytes);
                    }
                    if (failed == null) {
                        failed = new ArrayList<>();
                        reasons = new ArrayList<>();
                    }
                    failed.add(head);
                    reasons.add(e);
                }
            }
            waitingCount = waiting.size();
        }
        for (int i = 0; failed != null && i < failed.size(); i++) {
            fail(failed.get(i).run, reasons.get(i));
        }
    }

    /** Refuses new reserving tasks and fails the ones still waiting for memory; the pool is stopped by the caller. */
    void close() {
        List<Waiting> dropped;
        synchronized (lock) {
            closed = true;
            dropped = new ArrayList<>(waiting);
            waiting.clear();
            waitingCount = 0;
        }
        if (!dropped.isEmpty()) {
            log.info("{}dropping {} task(s) still waiting for memory at shutdown", core.prefix, dropped.size());
        }
        for (Waiting w : dropped) {
            core.neverStarted.incrementAndGet();
            fail(w.run, new RejectedTaskException(name, RejectedTaskException.Reason.SHUTDOWN,
                    "pool shut down before the task started", config.pool().workers(), 0, 0, queueCapacity));
        }
    }

    private void fail(TaskRun run, RuntimeException e) {
        if (run.future != null) {
            run.future.completeExceptionally(e);
        } else {
            log.warn("{}a task that waited for memory was not started: {}", core.prefix, e.getMessage());
        }
    }

    private Reservation hold(long bytes) {
        reservedBytes += bytes; // guarded by lock: the volatile is for readers only
        reservations++;
        return new Reservation(this, bytes);
    }

    private void unhold(long bytes) {
        reservedBytes -= bytes;
        reservations--;
    }

    private int queuedNow() {
        return pool.queued() + waiting.size();
    }

    private ReservationRejectedException refusal(RejectedTaskException.Reason reason, String detail, long bytes) {
        return new ReservationRejectedException(name, reason, detail, bytes, reservedBytes, capacityBytes,
                config.pool().workers(), pool.busy(), pool.queued() + waitingCount, queueCapacity);
    }

    private static <T> T requireTask(T task) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
        return task;
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> cast(CompletableFuture<Object> future) {
        return (CompletableFuture<T>) (CompletableFuture<?>) future;
    }
}
