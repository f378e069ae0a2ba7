package io.nextops.workers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One virtual thread per task; a fair semaphore with {@code workers} permits bounds how many run at once, and the
 * tasks waiting for a permit are the queue, bounded by counting admitted tasks. Recycling does not apply.
 *
 * <p>Thread-safe.
 */
final class VirtualEngine implements Engine {

    private final PoolCore core;
    private final ThreadFactory threads;
    private final Semaphore permits;
    private final int admitLimit;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final Set<TaskRun> live = ConcurrentHashMap.newKeySet();

    VirtualEngine(PoolCore core) {
        this.core = core;
        this.threads = VirtualThreads.factory(core.config.name(), core.config.name() + "-virtual-");
        this.permits = new Semaphore(core.config.workers(), true);
        this.admitLimit = core.config.workers() + core.config.queueCapacity();
    }

    @Override
    public void start() {
        // threads start per task
    }

    @Override
    public boolean offer(TaskRun run) {
        if (admitted.incrementAndGet() > admitLimit) {
            admitted.decrementAndGet();
            return false;
        }
        try {
            Thread thread = threads.newThread(() -> runOne(run));
            run.thread = thread;
            live.add(run); // publishes run.thread to the stopper
            thread.start();
        } catch (RuntimeException | Error e) {
            live.remove(run);
            admitted.decrementAndGet();
            throw new WorkerPoolException(core.prefix + "cannot start a virtual thread: " + e, e);
        }
        return true;
    }

    private void runOne(TaskRun run) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            release(run); // dropped at the shutdown deadline while waiting
            return;
        }
        running.incrementAndGet();
        try {
            core.run(run);
        } finally {
            running.decrementAndGet();
            permits.release();
            release(run);
        }
    }

    private void release(TaskRun run) {
        live.remove(run);
        admitted.decrementAndGet();
    }

    @Override
    public boolean withdraw(TaskRun run) {
        return run.drop(); // its thread will find the task dropped and end
    }

    @Override
    public int busy() {
        return running.get();
    }

    @Override
    public int queued() {
        return Math.max(0, admitted.get() - running.get());
    }

    @Override
    public void forEachRunning(Consumer<TaskRun> action) {
        for (TaskRun run : live) {
            if (run.state() == TaskRun.RUNNING) {
                action.accept(run);
            }
        }
    }

    @Override
    public boolean awaitTermination(long deadlineNanos) throws InterruptedException {
        while (admitted.get() > 0) {
            if (deadlineNanos - System.nanoTime() <= 0) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return true;
    }

    @Override
    public int stop() {
        // drop every waiting task first: an aborted task frees its permit, which a waiting one must not get
        for (TaskRun run : live) {
            if (core.dropQueued(run)) {
                run.thread.interrupt(); // wakes it from the semaphore; it will not run the task
            }
        }
        int aborted = 0;
        for (TaskRun run : live) {
            if (run.state() == TaskRun.RUNNING && core.abort(run)) {
                aborted++;
            }
        }
        return aborted;
    }
}
