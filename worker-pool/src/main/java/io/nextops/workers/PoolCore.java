package io.nextops.workers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both thread modes share: the pool's state, its counters, and how one task is run, timed out or aborted.
 *
 * <p>Thread-safe.
 */
final class PoolCore {

    static final int ACCEPTING = 0;
    static final int DRAINING = 1;
    static final int STOPPED = 2;

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    final WorkerPoolConfig config;
    final String prefix;
    final Ticker ticker;
    private final RandomGenerator random; // guarded by itself
    private final StackTraceSink stackTraceSink;
    private final boolean timeouts;
    final long timeoutNanos;
    private volatile int state = ACCEPTING;

    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder timedOut = new LongAdder();
    /** Rejections by the pool itself, by {@link RejectedTaskException.Reason}: only QUEUE_FULL and SHUTDOWN. */
    final LongAdder rejectedQueueFull = new LongAdder();
    final LongAdder rejectedShutdown = new LongAdder();
    final LongAdder recycled = new LongAdder();
    final AtomicInteger neverStarted = new AtomicInteger();

    PoolCore(WorkerPoolConfig config, Ticker ticker, RandomGenerator random, StackTraceSink stackTraceSink) {
        this.config = config;
        this.prefix = "worker-pool[" + config.name() + "] - ";
        this.ticker = ticker;
        this.random = random;
        this.stackTraceSink = stackTraceSink;
        this.timeouts = config.hasTimeout();
        this.timeoutNanos = timeouts ? saturatedNanos(config.taskTimeout()) : Long.MAX_VALUE;
    }

    static StackTraceSink warnLog() {
        return (message, stackTrace) -> log.warn(message, stackTrace);
    }

    boolean accepting() {
        return state == ACCEPTING;
    }

    boolean stopped() {
        return state == STOPPED;
    }

    void state(int next) {
        state = next;
    }

    long rejected() {
        return rejectedQueueFull.sum() + rejectedShutdown.sum();
    }

    long finished() {
        return completed.sum() + failed.sum() + timedOut.sum();
    }

    /** How many tasks the next worker runs before it retires: maxTasks plus a fresh random jitter. */
    int nextQuota() {
        int jitter = config.maxTasksJitter();
        if (jitter == 0) {
            return config.maxTasksPerWorker();
        }
        synchronized (random) {
            return config.maxTasksPerWorker() + random.nextInt(jitter + 1);
        }
    }

    /** Runs one task on the calling thread; never throws. */
    void run(TaskRun run) {
        Thread self = Thread.currentThread();
        run.thread = self;
        if (timeouts) {
            run.startNanos = ticker.nanoTime();
        }
        if (!run.start()) {
            run.releaseReservation();
            return; // dropped at shutdown (already counted) or its future was cancelled
        }
        Object result = null;
        Throwable failure = null;
        try {
            result = run.call();
        } catch (Throwable t) {
            failure = t;
        }
        // the task no longer holds its memory; released before its future completes, so that a caller that saw
        // the result also sees the bytes free
        run.releaseReservation();
        if (run.finish()) {
            if (failure == null) {
                completed.increment();
                if (run.future != null) {
                    run.future.complete(result);
                }
            } else {
                failed.increment();
                if (run.future != null) {
                    log.debug("{}task failed on {}", prefix, self.getName(), failure);
                    run.future.completeExceptionally(failure);
                } else {
                    log.error("{}task failed on {}", prefix, self.getName(), failure);
                }
            }
        } else {
            // the watchdog or the stopper owns this task now; wait until its interrupt has landed
            synchronized (run) {
                log.debug("{}cancelled task returned on {}", prefix, self.getName(), failure);
            }
        }
        Thread.interrupted(); // an interrupt meant for this task must not reach the next one
    }

    /** Watchdog side: gives up on a task that ran past the timeout. */
    void timeOutIfOverdue(TaskRun run, long now) {
        if (run.state() != TaskRun.RUNNING || now - run.startNanos < timeoutNanos) {
            return;
        }
        TaskTimeoutException timeout = new TaskTimeoutException(prefix + "task timed out after "
                + config.taskTimeout() + " on " + run.thread.getName(), config.taskTimeout());
        if (giveUp(run, TaskRun.TIMED_OUT, timeout, now)) {
            timedOut.increment();
            if (run.future != null) {
                run.future.completeExceptionally(timeout);
            }
        }
    }

    /** Stopper side: gives up on a task still running at the shutdown deadline. */
    boolean abort(TaskRun run) {
        WorkerPoolException aborted = new WorkerPoolException(prefix + "task interrupted at the shutdown deadline on "
                + run.thread.getName());
        if (giveUp(run, TaskRun.ABORTED, aborted, ticker.nanoTime())) {
            if (run.future != null) {
                run.future.completeExceptionally(aborted);
            }
            return true;
        }
        return false;
    }

    /** Stopper side: a queued task that will never start. */
    boolean dropQueued(TaskRun run) {
        if (!run.drop()) {
            return false;
        }
        neverStarted.incrementAndGet();
        if (run.future != null) {
            run.future.completeExceptionally(new RejectedTaskException(config.name(), RejectedTaskException.Reason.SHUTDOWN,
                    "pool shut down before the task started", config.workers(), 0, 0, config.queueCapacity()));
        }
        return true;
    }

    RejectedTaskException rejection(RejectedTaskException.Reason reason, int busy, int queued) {
        (reason == RejectedTaskException.Reason.SHUTDOWN ? rejectedShutdown : rejectedQueueFull).increment();
        return new RejectedTaskException(config.name(), reason, null, config.workers(), busy, queued,
                config.queueCapacity());
    }

    /**
     * Logs the task's stack once, runs its cancel actions, then interrupts it. The monitor of {@code run} is held
     * throughout so that the worker, whose finish() lost the race, waits until the interrupt has landed.
     */
    private boolean giveUp(TaskRun run, int to, WorkerPoolException carrier, long now) {
        synchronized (run) {
            if (!run.giveUp(to)) {
                return false;
            }
            Thread thread = run.thread;
            carrier.setStackTrace(thread.getStackTrace());
            List<Runnable> actions = run.takeCancelActions();
            String ran = timeouts ? " (ran " + Duration.ofNanos(now - run.startNanos).toMillis() + " ms)" : "";
            stackTraceSink.taskCancelled(carrier.getMessage() + ran + "; running " + actions.size()
                    + " cancel action(s) and interrupting; the task's stack trace at this moment follows", carrier);
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException | Error e) {
                    log.warn("{}cancel action failed for the task on {}", prefix, thread.getName(), e);
                }
            }
            thread.interrupt();
            return true;
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
