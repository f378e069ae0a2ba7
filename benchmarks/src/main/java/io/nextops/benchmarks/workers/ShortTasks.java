package io.nextops.benchmarks.workers;

import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Pushes a batch of short tasks through an executor and waits for all of them. A semaphore sized to the queue
 * capacity bounds the tasks in flight, so even with every worker descheduled the queue never overflows and no
 * rejection (and no exception cost) is measured: only hand-over, execution and completion.
 *
 * <p>Not thread-safe: one submitter thread.
 */
final class ShortTasks {

    static final int BATCH = 10_000;
    /** Blackhole tokens per task: a fraction of a microsecond of work. */
    static final int WORK_TOKENS = 50;

    private final Semaphore slots;
    private final int capacity;
    private final Runnable task;

    ShortTasks(int queueCapacity) {
        this.capacity = queueCapacity;
        this.slots = new Semaphore(capacity);
        this.task = () -> {
            Blackhole.consumeCPU(WORK_TOKENS);
            slots.release();
        };
    }

    void runBatch(Executor executor) throws InterruptedException {
        runBatch(executor, BATCH);
    }

    void runBatch(Executor executor, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            slots.acquire();
            executor.execute(task);
        }
        slots.acquire(capacity); // every task has finished
        slots.release(capacity);
    }
}
