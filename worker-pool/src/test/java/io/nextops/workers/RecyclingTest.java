package io.nextops.workers;

import static io.nextops.workers.PoolFixtures.await;
import static io.nextops.workers.PoolFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecyclingTest {

    private WorkerPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void retiresAWorkerAfterExactlyMaxTasksWhenJitterIsZero() throws Exception {
        pool = WorkerPool.start(config("recycle").withWorkers(1).withMaxTasksPerWorker(3));

        List<String> threads = runSequentially(9);

        assertThat(threads).containsExactly(
                "recycle-worker-1", "recycle-worker-1", "recycle-worker-1",
                "recycle-worker-2", "recycle-worker-2", "recycle-worker-2",
                "recycle-worker-3", "recycle-worker-3", "recycle-worker-3");
        await("three recycles counted", () -> pool.metrics().recycled() == 3);
    }

    @Test
    void drawsTheJitterAgainForEveryNewWorkerFromTheInjectedRandom() throws Exception {
        pool = WorkerPool.start(config("recycle").withWorkers(1).withMaxTasksPerWorker(5).withMaxTasksJitter(3),
                Ticker.system(), new SplittableRandom(42));
        SplittableRandom same = new SplittableRandom(42);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(5 + same.nextInt(4));
        }

        List<Integer> runs = runLengths(runSequentially(expected.stream().mapToInt(Integer::intValue).sum()));

        assertThat(runs).isEqualTo(expected).allSatisfy(run -> assertThat(run).isBetween(5, 8));
        assertThat(new java.util.HashSet<>(runs)).as("jitter differs between workers").hasSizeGreaterThan(1);
    }

    @Test
    void neverRecyclesWhenMaxTasksIsZero() throws Exception {
        pool = WorkerPool.start(config("recycle").withWorkers(1).withMaxTasksPerWorker(0).withMaxTasksJitter(10));

        assertThat(runSequentially(50)).containsOnly("recycle-worker-1");
        assertThat(pool.metrics().recycled()).isZero();
    }

    @Test
    void losesNoTaskAcrossThousandsOfRecyclesWithConcurrentSubmitters() throws Exception {
        pool = WorkerPool.start(config("churn").withWorkers(4).withQueueCapacity(64)
                .withMaxTasksPerWorker(10).withMaxTasksJitter(5));
        int submitters = 4;
        int tasksEach = 5_000;
        LongAdder ran = new LongAdder();
        LongAdder retries = new LongAdder();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            Thread submitter = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < tasksEach; i++) {
                    while (true) {
                        try {
                            pool.execute(ran::increment);
                            break;
                        } catch (RejectedTaskException full) {
                            retries.increment();
                            Thread.yield();
                        }
                    }
                }
            }, "submitter-" + s);
            submitter.start();
            threads.add(submitter);
        }
        go.countDown();
        for (Thread submitter : threads) {
            submitter.join(TimeUnit.SECONDS.toMillis(60));
        }

        await("every task ran", () -> ran.sum() == submitters * tasksEach);
        WorkerPoolMetrics metrics = pool.metrics();
        assertThat(metrics.completed()).isEqualTo(submitters * tasksEach);
        assertThat(metrics.failed()).isZero();
        assertThat(metrics.rejected()).isEqualTo(retries.sum());
        // each worker retires after 10..15 tasks: at least 20,000 / 15 - 4 hand-overs
        assertThat(metrics.recycled()).isGreaterThanOrEqualTo(submitters * tasksEach / 15 - 4);
        await("retired threads have ended", () -> PoolFixtures.liveThreadsNamed("churn-worker-") == 4);
        ShutdownReport report = pool.shutdown(Duration.ofSeconds(5));
        assertThat(report.clean()).isTrue();
        assertThat(report.terminated()).isTrue();
    }

    private List<String> runSequentially(int tasks) throws Exception {
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            threads.add(pool.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS));
        }
        return threads;
    }

    private static List<Integer> runLengths(List<String> threads) {
        List<Integer> runs = new ArrayList<>();
        String previous = null;
        for (String thread : threads) {
            if (thread.equals(previous)) {
                runs.set(runs.size() - 1, runs.get(runs.size() - 1) + 1);
            } else {
                runs.add(1);
            }
            previous = thread;
        }
        return runs;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
