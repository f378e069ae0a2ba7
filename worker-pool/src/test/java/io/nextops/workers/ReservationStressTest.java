package io.nextops.workers;

import static io.nextops.workers.PoolFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many submitters, random reservations, tasks that return, throw or are cancelled: the lane never holds more than its
 * capacity, the bytes held by running tasks never exceed it either, and everything is given back at the end.
 */
class ReservationStressTest {

    private static final long CAPACITY = 1_000;

    @Test
    void neverHoldsMoreThanTheCapacityAndReleasesEverything() throws Exception {
        Lanes lanes = Lanes.start(LanesConfig.of(LaneConfig.defaults("heavy")
                .withPool(PoolFixtures.config("heavy").withWorkers(4).withQueueCapacity(16))
                .withCapacityBytes(CAPACITY)));
        Lane heavy = lanes.lane("heavy");
        AtomicLong runningBytes = new AtomicLong();
        AtomicLong peakRunning = new AtomicLong();
        AtomicLong peakReserved = new AtomicLong();
        AtomicLong peakWaiting = new AtomicLong();
        List<CompletableFuture<Object>> futures = new ArrayList<>();
        List<Thread> submitters = new ArrayList<>();
        int[] rejected = new int[4];
        for (int t = 0; t < 4; t++) {
            int id = t;
            submitters.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(id);
                for (int i = 0; i < 2_000; i++) {
                    long bytes = 1 + random.nextInt((int) CAPACITY);
                    int fate = random.nextInt(10);
                    try {
                        CompletableFuture<Object> f = heavy.submit(bytes, task -> {
                            long now = runningBytes.addAndGet(bytes);
                            peakRunning.accumulateAndGet(now, Math::max);
                            peakReserved.accumulateAndGet(heavy.metrics().reservedBytes(), Math::max);
                            try {
                                if (fate == 0) {
                                    throw new IllegalStateException("planned failure");
                                }
                                return bytes;
                            } finally {
                                runningBytes.addAndGet(-bytes);
                            }
                        });
                        if (fate == 1) {
                            f.cancel(false);
                        }
                        peakWaiting.accumulateAndGet(heavy.metrics().waitingForMemory(), Math::max);
                        synchronized (futures) {
                            futures.add(f);
                        }
                    } catch (RejectedTaskException e) {
                        rejected[id]++;
                    }
                }
            }));
        }
        submitters.forEach(Thread::start);
        for (Thread t : submitters) {
            t.join(60_000);
        }
        for (CompletableFuture<Object> f : futures) {
            f.handle((v, e) -> v).get();
        }

        await("every reservation released", () -> heavy.metrics().reservedBytes() == 0);
        LaneMetrics m = heavy.metrics();
        assertThat(m.reservations()).isZero();
        assertThat(m.waitingForMemory()).isZero();
        assertThat(peakRunning.get()).isLessThanOrEqualTo(CAPACITY).isPositive();
        assertThat(peakReserved.get()).isLessThanOrEqualTo(CAPACITY);
        assertThat(futures.size() + rejected[0] + rejected[1] + rejected[2] + rejected[3]).isEqualTo(8_000);
        assertThat(m.rejected()).isEqualTo(rejected[0] + rejected[1] + rejected[2] + rejected[3]);
        assertThat(m.failed()).isPositive();
        assertThat(peakWaiting.get()).as("tasks waited for memory").isPositive();
        assertThat(m.rejectedQueueFull()).as("waiting and queued tasks filled the queue").isPositive();
        assertThat(lanes.shutdown(Duration.ofSeconds(5)).get("heavy").clean()).isTrue();
    }
}
