package io.nextops.workers;

import static io.nextops.workers.PoolFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LanesTest {

    private static final long MB = 1L << 20;

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean memoryCritical = new AtomicBoolean();
    private Lanes lanes;

    @AfterEach
    void stop() {
        release.countDown();
        if (lanes != null) {
            lanes.shutdown(Duration.ofSeconds(5));
        }
    }

    /** light: 2 workers, queue 4; heavy: 2 workers, queue 2, 100 MiB of reservations, waiting, memory-gated. */
    private Lanes start(LaneConfig.Overflow overflow) {
        lanes = Lanes.start(LanesConfig.of(
                LaneConfig.defaults("light").withPool(PoolFixtures.config("light").withWorkers(2).withQueueCapacity(4)),
                LaneConfig.defaults("heavy").withPool(PoolFixtures.config("heavy").withWorkers(2).withQueueCapacity(2))
                        .withCapacityBytes(100 * MB).withOverflow(overflow).withMemoryGated(true)),
                memoryCritical::get);
        return lanes;
    }

    @Test
    void runsLightWorkAtOnceWhileEveryHeavyWorkerIsBusyAndItsQueueFull() throws Exception {
        Lane heavy = start(LaneConfig.Overflow.WAIT).lane("heavy");
        occupy(heavy, 2, 10 * MB);
        heavy.execute(10 * MB, task -> awaitRelease());
        heavy.execute(10 * MB, task -> awaitRelease());
        assertThatThrownBy(() -> heavy.execute(10 * MB, task -> awaitRelease()))
                .isInstanceOf(RejectedTaskException.class)
                .extracting(e -> ((RejectedTaskException) e).reason()).isEqualTo(RejectedTaskException.Reason.QUEUE_FULL);

        Lane light = lanes.lane("light");
        List<CompletableFuture<String>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            answers.add(light.submit(() -> Thread.currentThread().getName()));
            answers.get(i).get(5, TimeUnit.SECONDS); // one at a time: never more than the light queue holds
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answers).allSatisfy(f -> assertThat(f.join()).matches("light-worker-[12]"));
        LaneMetrics heavyNow = heavy.metrics();
        assertThat(heavyNow.busy()).isEqualTo(2);
        assertThat(heavyNow.queued()).isEqualTo(2);
        assertThat(heavyNow.completed()).isZero();
        assertThat(light.metrics().completed()).isEqualTo(50);
    }

    @Test
    void refusesHeavyWorkBeyondTheLaneWithQueueFull() {
        Lane heavy = start(LaneConfig.Overflow.WAIT).lane("heavy");
        occupy(heavy, 2, 0);
        heavy.execute(task -> awaitRelease());
        heavy.execute(task -> awaitRelease());

        assertThatThrownBy(() -> heavy.execute(task -> { }))
                .isExactlyInstanceOf(RejectedTaskException.class)
                .hasMessage("worker-pool[heavy] - task rejected: queue full (workers=2, busy=2, queued=2, queueCapacity=2)");
        assertThat(heavy.metrics().rejectedQueueFull()).isEqualTo(1);
        assertThat(heavy.metrics().rejected()).isEqualTo(1);
    }

    @Test
    void refusesAReservationLargerThanTheWholeCapacity() {
        Lane heavy = start(LaneConfig.Overflow.WAIT).lane("heavy");

        assertThatThrownBy(() -> heavy.submit(100 * MB + 1, task -> "never"))
                .isInstanceOf(ReservationRejectedException.class)
                .hasMessage("worker-pool[heavy] - task rejected: reservation too large: more than the lane's whole "
                        + "capacity (reservationBytes=104857601, reservedBytes=0, capacityBytes=104857600, workers=2, "
                        + "busy=0, queued=0, queueCapacity=2)")
                .satisfies(e -> {
                    ReservationRejectedException refused = (ReservationRejectedException) e;
                    assertThat(refused.reason()).isEqualTo(RejectedTaskException.Reason.RESERVATION_TOO_LARGE);
                    assertThat(refused.reservationBytes()).isEqualTo(100 * MB + 1);
                    assertThat(refused.capacityBytes()).isEqualTo(100 * MB);
                    assertThat(refused.poolName()).isEqualTo("heavy");
                });
        assertThat(heavy.metrics().rejectedReservationTooLarge()).isEqualTo(1);
        assertThat(heavy.metrics().reservedBytes()).isZero();
    }

    @Test
    void refusesAnyReservationInALaneWithoutCapacity() {
        Lane light = start(LaneConfig.Overflow.WAIT).lane("light");

        assertThatThrownBy(() -> light.execute(1, task -> { }))
                .isInstanceOf(ReservationRejectedException.class)
                .hasMessageContaining("reservation too large")
                .hasMessageContaining("capacityBytes=0");
    }

    @Test
    void rejectsANegativeReservation() {
        Lane heavy = start(LaneConfig.Overflow.WAIT).lane("heavy");

        assertThatThrownBy(() -> heavy.execute(-1, task -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reservationBytes must be >= 0, was -1");
    }

    @Test
    void keepsAReservationThatDoesNotFitWaitingUntilBytesAreReleased() throws Exception {
        Lane heavy = start(LaneConfig.Overflow.WAIT).lane("heavy");
        CountDownLatch firstRelease = new CountDownLatch(1);
        heavy.execute(60 * MB, task -> awaitQuietly(firstRelease));
        await("the first task runs", () -> heavy.metrics().busy() == 1);

        CompletableFuture<String> second = heavy.submit(60 * MB, task -> "second ran");
        CompletableFuture<String> third = heavy.submit(10 * MB, task -> "third ran"); // fits, but waits its turn

        Thread.sleep(100);
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        LaneMetrics waiting = heavy.metrics();
        assertThat(waiting.waitingForMemory()).isEqualTo(2);
        assertThat(waiting.queued()).isEqualTo(2);
        assertThat(waiting.reservedBytes()).isEqualTo(60 * MB);
        assertThat(waiting.reservations()).isEqualTo(1);

        firstRelease.countDown();

        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second ran");
        assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("third ran");
        await("every reservation released", () -> heavy.metrics().reservedBytes() == 0);
        assertThat(heavy.metrics().waitingForMemory()).isZero();
        assertThat(heavy.metrics().reservations()).isZero();
    }

    @Test
    void countsTasksWaitingForMemoryAgainstTheQueueCapacity() {
        Lane heavy = start(LaneConfig.Overflow.WAIT).lane("heavy");
        occupy(heavy, 1, 60 * MB);
        heavy.execute(60 * MB, task -> awaitRelease());
        heavy.execute(60 * MB, task -> awaitRelease());

        assertThatThrownBy(() -> heavy.execute(60 * MB, task -> awaitRelease()))
                .isExactlyInstanceOf(RejectedTaskException.class)
                .hasMessageStartingWith("worker-pool[heavy] - task rejected: queue full")
                .hasMessageContaining("queued=2, queueCapacity=2");
        assertThat(heavy.metrics().waitingForMemory()).isEqualTo(2);
    }

    @Test
    void refusesAReservationThatDoesNotFitNowWhenTheLaneDoesNotWait() {
        Lane heavy = start(LaneConfig.Overflow.REJECT).lane("heavy");
        heavy.execute(60 * MB, task -> awaitRelease());

        assertThatThrownBy(() -> heavy.execute(50 * MB, task -> { }))
                .isInstanceOf(ReservationRejectedException.class)
                .hasMessageStartingWith("worker-pool[heavy] - task rejected: memory unavailable: the reservation does "
                        + "not fit beside the ones held (reservationBytes=52428800, reservedBytes=62914560, "
                        + "capacityBytes=104857600")
                .extracting(e -> ((RejectedTaskException) e).reason())
                .isEqualTo(RejectedTaskException.Reason.MEMORY_UNAVAILABLE);
        heavy.execute(40 * MB, task -> { }); // what still fits is admitted
        assertThat(heavy.metrics().rejectedMemoryUnavailable()).isEqualTo(1);
    }

    @Test
    void refusesEveryTaskOfAGatedLaneWhileTheMemoryStatusSaysSoButKeepsTheLightLaneOpen() throws Exception {
        start(LaneConfig.Overflow.WAIT);
        Lane heavy = lanes.lane("heavy");
        memoryCritical.set(true);

        assertThatThrownBy(() -> heavy.submit(1 * MB, task -> "never"))
                .isInstanceOf(ReservationRejectedException.class)
                .hasMessageStartingWith("worker-pool[heavy] - task rejected: memory unavailable: the memory status "
                        + "refuses new work in this lane (reservationBytes=1048576, reservedBytes=0");
        assertThatThrownBy(() -> heavy.execute(() -> { }))
                .extracting(e -> ((RejectedTaskException) e).reason())
                .isEqualTo(RejectedTaskException.Reason.MEMORY_UNAVAILABLE);
        assertThat(lanes.lane("light").submit(() -> "light still runs").get(5, TimeUnit.SECONDS))
                .isEqualTo("light still runs");

        memoryCritical.set(false);
        assertThat(heavy.submit(1 * MB, task -> "admitted again").get(5, TimeUnit.SECONDS)).isEqualTo("admitted again");
        assertThat(heavy.metrics().rejectedMemoryUnavailable()).isEqualTo(2);
    }

    @Test
    void reportsEveryGaugeAndCounterOfALane() {
        Lane heavy = start(LaneConfig.Overflow.WAIT).lane("heavy");
        occupy(heavy, 2, 30 * MB);
        heavy.execute(30 * MB, task -> awaitRelease());
        heavy.execute(30 * MB, task -> awaitRelease()); // 120 > 100: waits for memory
        assertThatThrownBy(() -> heavy.execute(200 * MB, task -> { })).isInstanceOf(ReservationRejectedException.class);
        assertThatThrownBy(() -> heavy.execute(1, task -> { })).hasMessageContaining("queue full");
        memoryCritical.set(true);
        assertThatThrownBy(() -> heavy.execute(1, task -> { })).hasMessageContaining("memory unavailable");

        assertThat(heavy.metrics()).isEqualTo(new LaneMetrics("heavy", 2, 2, 2, 1, 2, 90 * MB, 100 * MB, 3,
                0, 0, 0, 1, 1, 1, 0));
        assertThat(heavy.metrics().rejected()).isEqualTo(3);
        assertThat(heavy.metrics().rejected(RejectedTaskException.Reason.RESERVATION_TOO_LARGE)).isEqualTo(1);
        assertThat(lanes.metrics()).extracting(LaneMetrics::name).containsExactly("light", "heavy");
    }

    @Test
    void looksLanesUpByName() {
        start(LaneConfig.Overflow.WAIT);

        assertThat(lanes.lane("light").name()).isEqualTo("light");
        assertThat(lanes.lanes()).extracting(Lane::name).containsExactly("light", "heavy");
        assertThatThrownBy(() -> lanes.lane("exports"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lane must be one of [light, heavy], was 'exports'");
    }

    @Test
    void shutsEveryLaneDownWithinOneDeadline() {
        start(LaneConfig.Overflow.WAIT);
        lanes.lane("light").execute(() -> { });

        var reports = lanes.shutdown(Duration.ofSeconds(5));

        assertThat(reports).containsOnlyKeys("light", "heavy");
        assertThat(reports.values()).allSatisfy(r -> assertThat(r.clean()).isTrue());
        assertThat(PoolFixtures.liveThreadsNamed("light-worker-") + PoolFixtures.liveThreadsNamed("heavy-worker-")).isZero();
        assertThatThrownBy(() -> lanes.lane("heavy").execute(1, task -> { }))
                .extracting(e -> ((RejectedTaskException) e).reason())
                .isEqualTo(RejectedTaskException.Reason.SHUTDOWN);
        assertThat(lanes.shutdown(Duration.ZERO)).isSameAs(reports);
    }

    /** Submits blocking tasks one at a time, so that no submission races a worker that is still starting. */
    private void occupy(Lane lane, int workers, long bytesEach) {
        for (int i = 1; i <= workers; i++) {
            lane.execute(bytesEach, task -> awaitRelease());
            int busy = i;
            await(busy + " worker(s) busy", () -> lane.metrics().busy() == busy);
        }
    }

    private void awaitRelease() {
        awaitQuietly(release);
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
