package io.nextops.workers;

import static io.nextops.workers.LanesTest.awaitQuietly;
import static io.nextops.workers.PoolFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reservation is given back however its task ends; each test ends one way and checks the lane is empty again. */
class ReservationReleaseTest {

    private static final long MB = 1L << 20;

    private final CountDownLatch release = new CountDownLatch(1);
    private Lanes lanes;

    @AfterEach
    void stop() {
        release.countDown();
        if (lanes != null) {
            lanes.shutdown(Duration.ofSeconds(5));
        }
    }

    private Lane heavy(WorkerPoolConfig pool) {
        lanes = Lanes.start(LanesConfig.of(LaneConfig.defaults("heavy").withPool(pool).withCapacityBytes(100 * MB)));
        return lanes.lane("heavy");
    }

    private Lane heavy() {
        return heavy(PoolFixtures.config("heavy").withWorkers(1).withQueueCapacity(4));
    }

    @Test
    void releasesWhenTheTaskReturnsBeforeItsFutureCompletes() throws Exception {
        Lane heavy = heavy();

        CompletableFuture<Long> seen = heavy.submit(40 * MB, task -> heavy.metrics().reservedBytes());

        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(40 * MB);
        assertThat(heavy.metrics().reservedBytes()).isZero(); // no waiting: released before the future completed
        assertThat(heavy.metrics().reservations()).isZero();
    }

    @Test
    void releasesWhenTheTaskThrowsACheckedException() {
        Lane heavy = heavy();

        CompletableFuture<Object> failed = heavy.submit(40 * MB, task -> {
            throw new IOException("disk full");
        });

        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("disk full");
        assertThat(heavy.metrics().reservedBytes()).isZero();
        assertThat(heavy.metrics().failed()).isEqualTo(1);
    }

    @Test
    void releasesWhenAFireAndForgetTaskThrows() {
        Lane heavy = heavy();

        heavy.execute(40 * MB, task -> {
            throw new IllegalStateException("logged and counted");
        });

        await("the failure is counted", () -> heavy.metrics().failed() == 1);
        await("the reservation is released", () -> heavy.metrics().reservedBytes() == 0);
    }

    @Test
    void releasesWhenATimedOutTaskReturnsAfterItsInterrupt() {
        Lane heavy = heavy(PoolFixtures.config("heavy").withWorkers(1).withTaskTimeout(Duration.ofMillis(200)));

        CompletableFuture<Object> slow = heavy.submit(40 * MB, task -> {
            Thread.sleep(60_000);
            return "never";
        });

        assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TaskTimeoutException.class);
        await("the reservation is released", () -> heavy.metrics().reservedBytes() == 0);
        assertThat(heavy.metrics().timedOut()).isEqualTo(1);
    }

    @Test
    void releasesWhenTheFutureIsCancelledBeforeTheTaskStarts() {
        Lane heavy = heavy();
        heavy.execute(10 * MB, task -> awaitQuietly(release));
        await("the worker is busy", () -> heavy.metrics().busy() == 1);
        boolean[] ran = {false};

        CompletableFuture<Object> cancelled = heavy.submit(40 * MB, task -> ran[0] = true);
        assertThat(heavy.metrics().reservedBytes()).isEqualTo(50 * MB);
        cancelled.cancel(false);
        release.countDown();

        await("every reservation released", () -> heavy.metrics().reservedBytes() == 0);
        assertThat(ran[0]).isFalse();
    }

    @Test
    void releasesTheBytesOfATaskThePoolRefused() {
        Lane heavy = heavy(PoolFixtures.config("heavy").withWorkers(1).withQueueCapacity(1));
        heavy.execute(10 * MB, task -> awaitQuietly(release));
        await("the worker is busy", () -> heavy.metrics().busy() == 1);
        heavy.execute(10 * MB, task -> awaitQuietly(release));

        assertThatThrownBy(() -> heavy.execute(10 * MB, task -> { })).hasMessageContaining("queue full");

        assertThat(heavy.metrics().reservedBytes()).isEqualTo(20 * MB);
        assertThat(heavy.metrics().reservations()).isEqualTo(2);
    }

    @Test
    void releasesQueuedAndRunningTasksCutOffByShutdown() throws Exception {
        Lane heavy = heavy();
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<Object> stuck = heavy.submit(30 * MB, task -> {
            running.countDown();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    return "interrupted";
                }
            }
        });
        running.await(5, TimeUnit.SECONDS);
        CompletableFuture<Object> queued = heavy.submit(30 * MB, task -> "never");
        CompletableFuture<Object> waiting = heavy.submit(60 * MB, task -> "never"); // 120 > 100: waits for memory
        assertThat(heavy.metrics().waitingForMemory()).isEqualTo(1);

        ShutdownReport report = lanes.shutdown(Duration.ofMillis(200)).get("heavy");

        assertThat(report.interrupted()).isEqualTo(1);
        assertThat(report.neverStarted()).isEqualTo(2);
        assertThat(heavy.metrics().reservedBytes()).isZero();
        assertThat(heavy.metrics().reservations()).isZero();
        assertThat(heavy.metrics().waitingForMemory()).isZero();
        assertThatThrownBy(() -> queued.get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RejectedTaskException.class)
                .hasMessageContaining("pool shut down before the task started");
        assertThatThrownBy(() -> waiting.get(1, TimeUnit.SECONDS)).cause()
                .isInstanceOf(RejectedTaskException.class)
                .extracting(e -> ((RejectedTaskException) e).reason())
                .isEqualTo(RejectedTaskException.Reason.SHUTDOWN);
        assertThatThrownBy(() -> stuck.get(1, TimeUnit.SECONDS)).hasMessageContaining("shutdown deadline");
    }

    @Test
    void releasesInVirtualModeToo() throws Exception {
        assumeTrue(VirtualThreads.available(), "virtual threads need Java 21+");
        Lane heavy = heavy(PoolFixtures.config("heavy").withWorkers(1).withQueueCapacity(2)
                .withMode(WorkerPoolConfig.Mode.VIRTUAL).withTaskTimeout(Duration.ofMillis(200)));

        assertThat(heavy.submit(40 * MB, task -> "ok").get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        CompletableFuture<Object> slow = heavy.submit(40 * MB, task -> {
            Thread.sleep(60_000);
            return "never";
        });
        assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TaskTimeoutException.class);

        await("every reservation released", () -> heavy.metrics().reservedBytes() == 0);
    }
}
