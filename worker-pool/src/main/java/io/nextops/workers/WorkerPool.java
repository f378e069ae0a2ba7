package io.nextops.workers;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of workers in the manner of gunicorn: a fixed number of workers, a bounded queue that rejects at
 * once when full, a per-task timeout that cancels and interrupts the task, and workers that retire after
 * {@code maxTasksPerWorker} plus a random jitter of tasks so that nothing a thread accumulates lives forever.
 *
 * <p>This example is compiled and run by the module's tests, as in the README ({@code seen} collects what it
 * observed for the test's assertions; {@code closeQuietly} closes and ignores an {@code IOException}):
 *
 * <pre>{@code
 * WorkerPool pool = WorkerPool.start(WorkerPoolConfig.defaults()
 *         .withName("exports").withWorkers(4).withQueueCapacity(32)
 *         .withTaskTimeout(Duration.ofSeconds(30)).withMaxTasksPerWorker(500).withMaxTasksJitter(50));
 * try {
 *     CompletableFuture<Integer> written = pool.submit(task -> {  // a ContextualTask may throw IOException
 *         try (FileChannel out = FileChannel.open(csv, StandardOpenOption.WRITE)) {
 *             task.onCancel(() -> closeQuietly(out));  // at the timeout: after the stack is logged, before the interrupt
 *             return out.write(ByteBuffer.wrap("1,INV-0001\n".getBytes(StandardCharsets.UTF_8)));
 *         }
 *     });
 *     seen.add(written.get().longValue());             // 11 bytes; a thrown exception fails the future
 *     pool.execute(() -> seen.add(1L));                // fire and forget: a failure is logged at ERROR
 * } catch (RejectedTaskException e) {
 *     // e.reason() is QUEUE_FULL (every worker busy, the queue full) or SHUTDOWN; e.getMessage():
 *     // worker-pool[exports] - task rejected: queue full (workers=4, busy=4, queued=32, queueCapacity=32)
 * }
 * ShutdownReport done = pool.shutdown(Duration.ofSeconds(30)); // drains the queue first
 * WorkerPoolMetrics m = pool.metrics();  // workers, busy, queued, completed, rejected, timedOut, recycled, failed
 * seen.add("workers=" + m.workers() + " busy=" + m.busy());
 * seen.add(done.clean());                // nothing interrupted or dropped
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li><b>Submission</b> never blocks: a task is queued, or {@link RejectedTaskException} is thrown naming the pool,
 *       its size, busy workers and queue length, with {@link RejectedTaskException#reason()} {@code QUEUE_FULL} or
 *       {@code SHUTDOWN}. For separate light and heavy pools with memory reservations, see {@link Lanes}.</li>
 *   <li><b>Timeout</b>: one watchdog thread per pool checks running tasks. A task over {@code taskTimeout} has its
 *       stack trace logged once at WARN, its {@link TaskContext#onCancel cancel actions} run, then its thread is
 *       interrupted; it counts as {@code timedOut} and its future fails with {@link TaskTimeoutException} at once.
 *       A task that ignores the interrupt keeps its worker busy until it returns.</li>
 *   <li><b>Failures</b>: a task that throws counts as {@code failed}. From {@code execute} the exception is logged
 *       at ERROR (nobody else would see it); from {@code submit} it fails the returned future and is logged at
 *       DEBUG only. Cancelling a returned future before the task starts skips it; it never interrupts a running
 *       task. Dependent stages of a future run on the thread that completes it (a worker, or the watchdog at a
 *       timeout), so keep them short or use the {@code *Async} variants.</li>
 *   <li><b>Recycling</b> ({@link WorkerPoolConfig.Mode#PLATFORM PLATFORM} mode): a worker retires after
 *       {@code maxTasksPerWorker + random(0..maxTasksJitter)} tasks, drawn per worker. It finishes its task,
 *       starts its replacement, then ends: no task is lost and the worker count never dips. Threads are named
 *       {@code <name>-worker-<n>}, with {@code n} counting up over replacements.</li>
 *   <li><b>Virtual threads</b> ({@link WorkerPoolConfig.Mode#VIRTUAL VIRTUAL} mode, Java 21+): a new virtual thread
 *       per task, at most {@code workers} running at once, at most {@code queueCapacity} waiting; same timeout,
 *       rejection and metrics, no recycling (a virtual thread never runs a second task). On Java 17 the factory
 *       fails with {@code virtual threads need Java 21+, running 17}.</li>
 *   <li><b>Shutdown</b>: {@link #shutdown(Duration)} stops accepting, lets the workers drain the queue, and at the
 *       deadline drops what never started and cancels and interrupts what still runs; the {@link ShutdownReport}
 *       says how many of each. {@link #close()} is {@code shutdown(30 s)}.</li>
 * </ul>
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    /** gunicorn's graceful_timeout. */
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(30);
    /** How long the stopper waits for interrupted threads to end before it reports. */
    private static final long AFTER_INTERRUPT_GRACE_NANOS = Duration.ofSeconds(1).toNanos();

    private final PoolCore core;
    private final Engine engine;
    private final Watchdog watchdog;
    private final Object shutdownLock = new Object();
    private ShutdownReport shutdownReport; // guarded by shutdownLock

    private WorkerPool(PoolCore core) {
        this.core = core;
        this.engine = core.config.mode() == WorkerPoolConfig.Mode.VIRTUAL ? new VirtualEngine(core) : new PlatformEngine(core);
        this.watchdog = core.config.hasTimeout() ? new Watchdog(core, engine) : null;
    }

    /** Starts a pool with the system ticker and a fresh random source for the recycling jitter. */
    public static WorkerPool start(WorkerPoolConfig config) {
        return start(config, Ticker.system(), new SplittableRandom());
    }

    /**
     * Starts a pool with the given time source (for task timeouts) and random source (for the recycling jitter),
     * for tests that move time by hand or need a known jitter sequence.
     *
     * @throws WorkerPoolException if {@code VIRTUAL} mode is asked for on a JDK before 21
     */
    public static WorkerPool start(WorkerPoolConfig config, Ticker ticker, RandomGenerator random) {
        return start(config, ticker, random, PoolCore.warnLog());
    }

    static WorkerPool start(WorkerPoolConfig config, Ticker ticker, RandomGenerator random, StackTraceSink sink) {
        if (config == null || ticker == null || random == null || sink == null) {
            throw new IllegalArgumentException("config, ticker and random must not be null");
        }
        WorkerPool pool = new WorkerPool(new PoolCore(config, ticker, random, sink));
        pool.engine.start();
        if (pool.watchdog != null) {
            pool.watchdog.start();
        }
        log.info("worker-pool[{}] - started: {} {} workers, queueCapacity={}, taskTimeout={}, maxTasksPerWorker={}+0..{}",
                config.name(), config.workers(), config.mode(), config.queueCapacity(),
                config.hasTimeout() ? config.taskTimeout() : "none", config.maxTasksPerWorker(), config.maxTasksJitter());
        return pool;
    }

    /**
     * Queues a task or throws at once; its failure is logged at ERROR and counted.
     *
     * @throws RejectedTaskException when every worker is busy and the queue is full, or the pool is shut down
     */
    public void execute(Runnable task) {
        enqueue(TaskRun.of(requireTask(task)));
    }

    /**
     * Like {@link #execute(Runnable)}, with an action run when the task times out (before it is interrupted), for
     * example {@code statement::cancel}.
     */
    public void execute(Runnable task, Runnable onCancel) {
        requireTask(task);
        requireTask(onCancel);
        enqueue(TaskRun.of((Consumer<TaskContext>) context -> {
            context.onCancel(onCancel);
            task.run();
        }));
    }

    /** Like {@link #execute(Runnable)}, handing the task its {@link TaskContext} to register cancel actions. */
    public void execute(Consumer<TaskContext> task) {
        enqueue(TaskRun.of(requireTask(task)));
    }

    /**
     * Queues a task and returns its result as a future, or throws at once. The future fails with the task's own
     * exception, {@link TaskTimeoutException}, or a {@link WorkerPoolException} if shutdown cut it off.
     *
     * @throws RejectedTaskException when every worker is busy and the queue is full, or the pool is shut down
     */
    public <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        enqueue(TaskRun.of(requireTask(task), future));
        return cast(future);
    }

    /** Like {@link #submit(Callable)}, handing the task its {@link TaskContext}. */
    public <T> CompletableFuture<T> submit(ContextualTask<T> task) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        enqueue(TaskRun.of(requireTask(task), future));
        return cast(future);
    }

    /** A lock-free snapshot of the pool's counters and gauges. */
    public WorkerPoolMetrics metrics() {
        return new WorkerPoolMetrics(core.config.workers(), engine.busy(), engine.queued(), core.config.queueCapacity(),
                core.completed.sum(), core.rejected(), core.timedOut.sum(), core.recycled.sum(), core.failed.sum());
    }

    public WorkerPoolConfig config() {
        return core.config;
    }

    /** Stops accepting tasks without waiting, so that several pools can drain side by side. */
    void stopAccepting() {
        synchronized (shutdownLock) {
            if (shutdownReport == null) {
                core.state(PoolCore.DRAINING);
            }
        }
    }

    int busy() {
        return engine.busy();
    }

    int queued() {
        return engine.queued();
    }

    PoolCore core() {
        return core;
    }

    /** Whether the pool still accepts tasks. */
    public boolean isAccepting() {
        return core.accepting();
    }

    /**
     * Stops accepting tasks, waits up to {@code deadline} for the queue to drain and running tasks to end, then
     * drops the tasks that never started and cancels and interrupts the ones still running. Calling it again
     * returns the first report.
     */
    public ShutdownReport shutdown(Duration deadline) {
        if (deadline == null || deadline.isNegative()) {
            throw new IllegalArgumentException("deadline must be >= 0, was " + deadline);
        }
        synchronized (shutdownLock) {
            if (shutdownReport == null) {
                shutdownReport = drainAndStop(deadline);
            }
            return shutdownReport;
        }
    }

    /** {@code shutdown(30 s)}, gunicorn's graceful timeout. */
    @Override
    public void close() {
        shutdown(CLOSE_DEADLINE);
    }

    @Override
    public String toString() {
        return "WorkerPool[" + core.config.name() + ", " + metrics() + "]";
    }

    private ShutdownReport drainAndStop(Duration deadline) {
        long start = System.nanoTime();
        long finishedBefore = core.finished();
        core.state(PoolCore.DRAINING);
        log.info("{}shutting down: draining {} queued and {} running task(s), deadline {}", core.prefix,
                engine.queued(), engine.busy(), deadline);
        boolean interruptedWait = false;
        boolean terminated;
        try {
            terminated = engine.awaitTermination(start + saturatedNanos(deadline));
        } catch (InterruptedException e) {
            interruptedWait = true;
            terminated = false;
        }
        long drained = core.finished() - finishedBefore;
        int aborted = 0;
        core.state(PoolCore.STOPPED);
        if (!terminated) {
            aborted = engine.stop();
            try {
                terminated = engine.awaitTermination(System.nanoTime() + AFTER_INTERRUPT_GRACE_NANOS);
            } catch (InterruptedException e) {
                interruptedWait = true;
            }
        }
        if (watchdog != null) {
            watchdog.stop();
        }
        ShutdownReport report = new ShutdownReport(drained, aborted, core.neverStarted.get(), terminated,
                Duration.ofNanos(System.nanoTime() - start));
        if (report.clean()) {
            log.info("{}shut down: {}", core.prefix, report);
        } else {
            log.warn("{}shut down at the deadline: {}", core.prefix, report);
        }
        if (interruptedWait) {
            Thread.currentThread().interrupt();
        }
        return report;
    }

    /** Queues a prepared task or throws; the lanes use it to queue tasks that carry a reservation. */
    void enqueue(TaskRun run) {
        if (!core.accepting()) {
            throw core.rejection(RejectedTaskException.Reason.SHUTDOWN, engine.busy(), engine.queued());
        }
        if (!engine.offer(run)) {
            throw core.rejection(RejectedTaskException.Reason.QUEUE_FULL, engine.busy(), engine.queued());
        }
        // shutdown may have begun between the check and the offer; then take the task back if nobody has it yet
        if (!core.accepting() && engine.withdraw(run)) {
            throw core.rejection(RejectedTaskException.Reason.SHUTDOWN, engine.busy(), engine.queued());
        }
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

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
