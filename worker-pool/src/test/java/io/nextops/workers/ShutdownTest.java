package io.nextops.workers;

import static io.nextops.workers.PoolFixtures.await;
import static io.nextops.workers.PoolFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.workers.PoolFixtures.RecordingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    private final RecordingSink sink = new RecordingSink();

    @Test
    void drainsTheQueueBeforeStopping() {
        WorkerPool pool = WorkerPool.start(config("drain").withWorkers(1).withQueueCapacity(10));
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            pool.execute(() -> {
                sleep(20);
                ran.incrementAndGet();
            });
        }

        ShutdownReport report = pool.shutdown(Duration.ofSeconds(10));

        assertThat(ran).hasValue(5);
        assertThat(report.completedDuringDrain()).isEqualTo(5);
        assertThat(report.interrupted()).isZero();
        assertThat(report.neverStarted()).isZero();
        assertThat(report.terminated()).isTrue();
        assertThat(report.clean()).isTrue();
        assertThat(PoolFixtures.liveThreadsNamed("drain-worker-")).isZero();
    }

    @Test
    void interruptsRunningAndDropsQueuedTasksAtTheDeadline() throws Exception {
        WorkerPool pool = WorkerPool.start(config("deadline").withWorkers(2).withQueueCapacity(5),
                Ticker.system(), new SplittableRandom(), sink);
        CountDownLatch running = new CountDownLatch(2);
        AtomicInteger cancelActions = new AtomicInteger();
        List<CompletableFuture<Object>> stuck = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            stuck.add(pool.submit(context -> {
                context.onCancel(cancelActions::incrementAndGet);
                running.countDown();
                new CountDownLatch(1).await();
                return null;
            }));
        }
        running.await();
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(pool.submit(() -> "never"));
        }

        long start = System.nanoTime();
        ShutdownReport report = pool.shutdown(Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofSeconds(5));
        assertThat(report.completedDuringDrain()).isZero();
        assertThat(report.interrupted()).isEqualTo(2);
        assertThat(report.neverStarted()).isEqualTo(3);
        assertThat(report.terminated()).isTrue();
        assertThat(cancelActions).hasValue(2);
        assertThat(sink.entries).hasSize(2)
                .allSatisfy(e -> assertThat(e.message()).contains("task interrupted at the shutdown deadline"));
        for (CompletableFuture<Object> future : queued) {
            assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(RejectedTaskException.class)
                    .hasMessageContaining("pool shut down before the task started");
        }
        for (CompletableFuture<Object> future : stuck) {
            assertThatThrownBy(() -> future.get(1, TimeUnit.SECONDS))
                    .cause()
                    .isExactlyInstanceOf(WorkerPoolException.class)
                    .hasMessageContaining("interrupted at the shutdown deadline");
        }
        assertThat(pool.metrics().timedOut()).isZero();
    }

    @Test
    void rejectsNewTasksWhileDraining() throws Exception {
        WorkerPool pool = WorkerPool.start(config("drain").withWorkers(1));
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> awaitQuietly(release));
        await("the worker is busy", () -> pool.metrics().busy() == 1);
        Thread stopper = new Thread(() -> pool.shutdown(Duration.ofSeconds(10)));
        stopper.start();
        await("draining", () -> !pool.isAccepting());

        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(RejectedTaskException.class)
                .hasMessage("worker-pool[drain] - task rejected: pool is shut down (workers=1, busy=1, queued=0, queueCapacity=64)")
                .extracting(e -> ((RejectedTaskException) e).reason())
                .isEqualTo(RejectedTaskException.Reason.SHUTDOWN);

        release.countDown();
        stopper.join(10_000);
        assertThat(pool.shutdown(Duration.ZERO).clean()).isTrue();
    }

    @Test
    void closesWithinTheDefaultDeadlineWhenIdle() {
        WorkerPool pool = WorkerPool.start(config("idle").withWorkers(3));

        pool.close();

        assertThat(PoolFixtures.liveThreadsNamed("idle-worker-")).isZero();
        assertThat(PoolFixtures.liveThreadsNamed("idle-watchdog")).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
