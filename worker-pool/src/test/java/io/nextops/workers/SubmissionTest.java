package io.nextops.workers;

import static io.nextops.workers.PoolFixtures.await;
import static io.nextops.workers.PoolFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubmissionTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private WorkerPool pool;

    @AfterEach
    void stop() {
        release.countDown();
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void runsTasksOnNamedWorkerThreads() throws Exception {
        pool = WorkerPool.start(config("exports").withWorkers(2));

        String thread = pool.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);

        assertThat(thread).matches("exports-worker-[12]");
        assertThat(PoolFixtures.liveThreadsNamed("exports-worker-")).isEqualTo(2);
    }

    @Test
    void rejectsTaskWhenQueueIsFull() {
        pool = WorkerPool.start(config("exports").withWorkers(2).withQueueCapacity(3));
        occupyWorkers(2);
        for (int i = 0; i < 3; i++) {
            pool.execute(this::awaitRelease);
        }

        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(RejectedTaskException.class)
                .hasMessage("worker-pool[exports] - task rejected: queue full (workers=2, busy=2, queued=3, queueCapacity=3)")
                .satisfies(e -> {
                    RejectedTaskException rejected = (RejectedTaskException) e;
                    assertThat(rejected.poolName()).isEqualTo("exports");
                    assertThat(rejected.reason()).isEqualTo(RejectedTaskException.Reason.QUEUE_FULL);
                    assertThat(rejected.busy()).isEqualTo(2);
                    assertThat(rejected.queued()).isEqualTo(3);
                });
        assertThat(pool.metrics().rejected()).isEqualTo(1);
        assertThat(pool.metrics().queued()).isEqualTo(3);

        release.countDown();
        await("all five tasks completed", () -> pool.metrics().completed() == 5);
    }

    @Test
    void rejectsWithoutBlockingTheSubmitter() {
        pool = WorkerPool.start(config("exports").withWorkers(1).withQueueCapacity(1));
        occupyWorkers(1);
        pool.execute(this::awaitRelease);

        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedTaskException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void rejectsTasksOnceShutDown() {
        pool = WorkerPool.start(config("exports"));
        pool.shutdown(Duration.ofSeconds(1));

        assertThat(pool.isAccepting()).isFalse();
        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(RejectedTaskException.class)
                .hasMessageStartingWith("worker-pool[exports] - task rejected: pool is shut down");
    }

    @Test
    void returnsTheTaskResultThroughTheFuture() throws Exception {
        pool = WorkerPool.start(config("exports"));

        assertThat(pool.submit(() -> 6 * 7).get(5, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(pool.submit(context -> context.isCancelled()).get(5, TimeUnit.SECONDS)).isFalse();
        await("both counted", () -> pool.metrics().completed() == 2);
    }

    @Test
    void failsTheFutureAndCountsATaskThatThrows() {
        pool = WorkerPool.start(config("exports"));

        CompletableFuture<Object> future = pool.submit(() -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("boom");
        await("the failure is counted", () -> pool.metrics().failed() == 1);
        assertThat(pool.metrics().completed()).isZero();
    }

    @Test
    void keepsTheWorkerAliveAfterAnExecutedTaskThrows() throws Exception {
        pool = WorkerPool.start(config("exports").withWorkers(1));

        pool.execute(() -> {
            throw new IllegalStateException("logged and counted");
        });
        String next = pool.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);

        assertThat(next).isEqualTo("exports-worker-1");
        assertThat(pool.metrics().failed()).isEqualTo(1);
    }

    @Test
    void skipsATaskWhoseFutureWasCancelledBeforeItStarted() {
        pool = WorkerPool.start(config("exports").withWorkers(1));
        occupyWorkers(1);
        boolean[] ran = {false};

        CompletableFuture<Object> future = pool.submit(() -> ran[0] = true);
        future.cancel(false);
        release.countDown();

        await("the queue is empty", () -> pool.metrics().queued() == 0 && pool.metrics().busy() == 0);
        assertThat(ran[0]).isFalse();
    }

    @Test
    void reportsGaugesAndCountersInTheMetricsSnapshot() {
        pool = WorkerPool.start(config("exports").withWorkers(3).withQueueCapacity(10));
        occupyWorkers(3);
        pool.execute(this::awaitRelease);
        pool.execute(this::awaitRelease);

        assertThat(pool.metrics()).isEqualTo(new WorkerPoolMetrics(3, 3, 2, 10, 0, 0, 0, 0, 0));
    }

    /** Submits blocking tasks one at a time, so that no submission races a worker that is still starting. */
    private void occupyWorkers(int workers) {
        for (int i = 1; i <= workers; i++) {
            pool.execute(this::awaitRelease);
            int busy = i;
            await(busy + " worker(s) busy", () -> pool.metrics().busy() == busy);
        }
    }

    @Test
    void handsOverDirectlyToAnIdleWorkerWhenTheQueueCapacityIsZero() {
        pool = WorkerPool.start(config("exports").withWorkers(1).withQueueCapacity(0));
        await("the worker waits for a task", () -> {
            try {
                pool.execute(this::awaitRelease);
                return true;
            } catch (RejectedTaskException notYetWaiting) {
                return false;
            }
        });
        await("the worker is busy", () -> pool.metrics().busy() == 1);

        assertThatThrownBy(() -> pool.execute(() -> { }))
                .hasMessage("worker-pool[exports] - task rejected: queue full (workers=1, busy=1, queued=0, queueCapacity=0)");
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
