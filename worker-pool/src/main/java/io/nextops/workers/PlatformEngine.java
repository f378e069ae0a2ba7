package io.nextops.workers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixed platform-thread workers over one bounded queue. A worker retires after its quota of tasks (maxTasks plus
 * a jitter drawn for that worker): between two tasks it starts its replacement, and only then leaves, so the
 * number of workers never dips and no queued task waits longer than one thread start.
 *
 * <p>Thread-safe.
 */
final class PlatformEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    /**
     * Queued behind the real tasks at shutdown: a worker that takes one ends. Idle workers block in an untimed
     * {@code take()} (a timed wait costs measurably more per hand-over), so this is how they learn to stop.
     */
    private static final TaskRun STOP = TaskRun.of(() -> { });
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final PoolCore core;
    private final BlockingQueue<TaskRun> queue;
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence = new AtomicInteger(1);

    PlatformEngine(PoolCore core) {
        this.core = core;
        int capacity = core.config.queueCapacity();
        this.queue = capacity == 0 ? new SynchronousQueue<>() : new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public void start() {
        for (int i = 0; i < core.config.workers(); i++) {
            Worker worker = new Worker();
            workers.add(worker);
            worker.thread.start();
        }
    }

    @Override
    public boolean offer(TaskRun run) {
        return queue.offer(run);
    }

    @Override
    public boolean withdraw(TaskRun run) {
        return queue.remove(run) && run.drop();
    }

    @Override
    public int busy() {
        int busy = 0;
        for (Worker worker : workers) {
            if (worker.current != null) {
                busy++;
            }
        }
        return busy;
    }

    @Override
    public int queued() {
        return core.accepting() ? queue.size() : (int) queue.stream().filter(run -> run != STOP).count();
    }

    @Override
    public void forEachRunning(Consumer<TaskRun> action) {
        for (Worker worker : workers) {
            TaskRun run = worker.current;
            if (run != null) {
                action.accept(run);
            }
        }
    }

    @Override
    public boolean awaitTermination(long deadlineNanos) throws InterruptedException {
        // a retiring worker adds its replacement before it removes itself, so the set is never empty too early;
        // no worker retires once the pool stops accepting
        while (true) {
            List<Worker> alive = List.copyOf(workers);
            if (alive.isEmpty()) {
                return true;
            }
            for (int i = 0; i < alive.size(); i++) {
                if (!queue.offer(STOP)) {
                    break; // full of tasks still to drain (or of earlier stop marks); try again shortly
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return workers.isEmpty();
            }
            TimeUnit.NANOSECONDS.timedJoin(alive.get(0).thread, Math.min(left, STOP_CHECK_NANOS));
        }
    }

    @Override
    public int stop() {
        List<TaskRun> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        for (TaskRun run : dropped) {
            if (run != STOP) {
                core.dropQueued(run);
            }
        }
        int aborted = 0;
        for (Worker worker : workers) {
            TaskRun run = worker.current;
            // a task handed to a worker a moment ago may not have started yet: drop it rather than let it run
            if (run != null && !core.dropQueued(run) && core.abort(run)) {
                aborted++;
            }
        }
        return aborted;
    }

    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(Worker.class, "current", TaskRun.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final class Worker implements Runnable {

        final Thread thread;
        private final int quota;
        private int done;
        /** The task this worker runs, for the watchdog and the stopper; written with release semantics. */
        private volatile TaskRun current;

        Worker() {
            this.quota = core.config.recycles() ? core.nextQuota() : Integer.MAX_VALUE;
            this.thread = new Thread(this, core.config.name() + "-worker-" + sequence.getAndIncrement());
        }

        @Override
        public void run() {
            try {
                while (true) {
                    TaskRun run;
                    try {
                        run = queue.take();
                    } catch (InterruptedException stray) {
                        continue; // the pool never interrupts an idle worker; ignore whoever did
                    }
                    if (run == STOP) {
                        return;
                    }
                    if (core.stopped()) {
                        core.dropQueued(run); // taken just as the deadline passed
                        continue;
                    }
                    CURRENT.setRelease(this, run);
                    try {
                        core.run(run);
                    } finally {
                        // a plain store on x86: the watchdog may see the finished task a moment longer, and its
                        // CAS on the task's state tells it the task is done
                        CURRENT.setRelease(this, null);
                    }
                    if (++done >= quota && core.accepting() && handOver()) {
                        return;
                    }
                }
            } finally {
                workers.remove(this);
            }
        }

        /** Starts this worker's replacement; true when this worker may now leave. */
        private boolean handOver() {
            Worker fresh = null;
            try {
                fresh = new Worker();
                workers.add(fresh);
                fresh.thread.start();
            } catch (RuntimeException | OutOfMemoryError e) {
                log.error("{}could not start a replacement for {}; it keeps working", core.prefix, thread.getName(), e);
                if (fresh != null) {
                    workers.remove(fresh);
                }
                done = 0;
                return false;
            }
            core.recycled.increment();
            log.debug("{}{} retired after {} tasks; {} takes over", core.prefix, thread.getName(), done,
                    fresh.thread.getName());
            return true;
        }
    }
}
