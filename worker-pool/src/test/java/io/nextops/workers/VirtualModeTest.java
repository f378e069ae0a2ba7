package io.nextops.workers;

import static io.nextops.workers.PoolFixtures.await;
import static io.nextops.workers.PoolFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nextops.workers.PoolFixtures.ManualTicker;
import io.nextops.workers.PoolFixtures.RecordingSink;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualModeTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private WorkerPool pool;

    @AfterEach
    void stop() {
        release.countDown();
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(5));
        }
    }

    private static WorkerPoolConfig virtual(String name) {
        return config(name).withMode(WorkerPoolConfig.Mode.VIRTUAL);
    }

    @Test
    void failsAtConstructionWithAClearMessageBeforeJava21() {
        assumeTrue(Runtime.version().feature() < 21, "this JDK has virtual threads");

        assertThatThrownBy(() -> WorkerPool.start(virtual("v")))
                .isInstanceOf(WorkerPoolException.class)
                .hasMessageContaining("worker-pool[v] - virtual threads need Java 21+, running "
                        + Runtime.version().feature());
    }

    @Test
    void runsEachTaskOnItsOwnVirtualThread() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
        pool = WorkerPool.start(virtual("v"));

        String first = pool.submit(() -> Thread.currentThread().toString()).get(5, TimeUnit.SECONDS);
        String second = pool.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);

        assertThat(first).startsWith("VirtualThread").contains("v-virtual-1");
        assertThat(second).isEqualTo("v-virtual-2");
    }

    @Test
    void boundsConcurrencyByWorkersAndRejectsWhenTheQueueIsFull() {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
        pool = WorkerPool.start(virtual("v").withWorkers(2).withQueueCapacity(3));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            pool.execute(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                awaitQuietly(release);
                running.decrementAndGet();
            });
        }
        await("two running", () -> pool.metrics().busy() == 2);

        assertThatThrownBy(() -> pool.execute(() -> { }))
                .isInstanceOf(RejectedTaskException.class)
                .hasMessage("worker-pool[v] - task rejected: queue full (workers=2, busy=2, queued=3, queueCapacity=3)");

        release.countDown();
        await("all five completed", () -> pool.metrics().completed() == 5);
        assertThat(maxRunning).hasValue(2);
    }

    @Test
    void timesOutCancelsAndInterruptsLikePlatformWorkers() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
        ManualTicker ticker = new ManualTicker();
        RecordingSink sink = new RecordingSink();
        pool = WorkerPool.start(virtual("v").withTaskTimeout(Duration.ofSeconds(1)), ticker, new SplittableRandom(), sink);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CompletableFuture<Object> future = pool.submit(context -> {
            context.onCancel(cancelled::countDown);
            started.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        started.await();

        ticker.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TaskTimeoutException.class);
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(sink.entries).hasSize(1);
        assertThat(pool.metrics().timedOut()).isEqualTo(1);
    }

    @Test
    void dropsWaitingTasksAndInterruptsRunningOnesAtTheDeadline() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
        pool = WorkerPool.start(virtual("v").withWorkers(1).withQueueCapacity(4), Ticker.system(),
                new SplittableRandom(), new RecordingSink());
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            awaitQuietly(release);
        });
        started.await();
        for (int i = 0; i < 4; i++) {
            pool.execute(() -> { });
        }

        ShutdownReport report = pool.shutdown(Duration.ofMillis(200));

        assertThat(report.interrupted()).isEqualTo(1);
        assertThat(report.neverStarted()).isEqualTo(4);
        assertThat(report.terminated()).isTrue();
        assertThat(pool.metrics().completed()).isZero();
    }

    @Test
    void completesManyTasksFromConcurrentSubmitters() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
        pool = WorkerPool.start(virtual("v").withWorkers(4).withQueueCapacity(10_000));
        AtomicInteger ran = new AtomicInteger();

        for (int i = 0; i < 5_000; i++) {
            pool.execute(ran::incrementAndGet);
        }

        await("all ran", () -> ran.get() == 5_000);
        await("all counted", () -> pool.metrics().completed() == 5_000 && pool.metrics().busy() == 0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
