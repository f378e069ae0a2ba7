package io.nextops.workers;

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
    /** How long an idle worker waits for a task before it looks at the pool's state again. */
    private static final long IDLE_POLL_MILLIS = 50;

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
        return queue.size();
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
        // a retiring worker adds its replacement before it removes itself, so the set is never empty too early
        while (!workers.isEmpty()) {
            for (Worker worker : List.copyOf(workers)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return workers.isEmpty();
                }
                TimeUnit.NANOSECONDS.timedJoin(worker.thread, left);
            }
        }
        return true;
    }

    @Override
    public int stop() {
        List<TaskRun> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        dropped.forEach(core::dropQueued);
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

    private final class Worker implements Runnable {

        final Thread thread;
        private final int quota;
        private int done;
        volatile TaskRun current;

        Worker() {
            this.quota = core.config.recycles() ? core.nextQuota() : Integer.MAX_VALUE;
            this.thread = new Thread(this, core.config.name() + "-worker-" + sequence.getAndIncrement());
        }

        @Override
        public void run() {
            try {
                while (true) {
                    TaskRun run = queue.poll();
                    if (run == null) {
                        if (!core.accepting()) {
                            return; // draining and nothing left, or stopped
                        }
                        run = pollIdle();
                        if (run == null) {
                            continue;
                        }
                    }
                    if (core.stopped()) {
                        core.dropQueued(run); // taken just as the deadline passed
                        continue;
                    }
                    current = run;
                    try {
                        core.run(run);
                    } finally {
                        current = null;
                    }
                    if (++done >= quota && core.accepting() && handOver()) {
                        return;
                    }
                }
            } finally {
                workers.remove(this);
            }
        }

        private TaskRun pollIdle() {
            try {
                return queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return null; // a stray interrupt; the loop looks at the state again
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
