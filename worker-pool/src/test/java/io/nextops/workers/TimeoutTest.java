package io.nextops.workers;

import static io.nextops.workers.PoolFixtures.await;
import static io.nextops.workers.PoolFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nextops.workers.PoolFixtures.ManualTicker;
import io.nextops.workers.PoolFixtures.RecordingSink;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    private final ManualTicker ticker = new ManualTicker();
    private final RecordingSink sink = new RecordingSink();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private WorkerPool pool;

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.shutdown(Duration.ofMillis(300));
        }
    }

    private WorkerPool start(WorkerPoolConfig config) {
        pool = WorkerPool.start(config.withTaskTimeout(Duration.ofSeconds(2)), ticker, new SplittableRandom(1), sink);
        return pool;
    }

    @Test
    void cancelsLogsAndInterruptsATaskThatRunsPastItsTimeout() throws Exception {
        start(config("reports").withWorkers(1));
        CompletableFuture<Object> future = pool.submit(context -> {
            context.onCancel(() -> events.add("cancel action, interrupted=" + Thread.currentThread().isInterrupted()));
            return waitForeverInTheQuery();
        });
        started.await();

        ticker.advance(Duration.ofMillis(2001));

        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(TaskTimeoutException.class)
                .hasMessageStartingWith("worker-pool[reports] - task timed out after PT2S on reports-worker-1");
        await("the task saw the interrupt", () -> events.contains("interrupted"));
        assertThat(events).containsExactly("cancel action, interrupted=false", "interrupted");
        assertThat(pool.metrics().timedOut()).isEqualTo(1);
        assertThat(pool.metrics().failed()).isZero();
        assertThat(pool.metrics().completed()).isZero();
    }

    @Test
    void logsTheStackTraceOfATimedOutTaskExactlyOnce() throws Exception {
        start(config("reports").withWorkers(1));
        pool.execute(() -> waitForeverInTheQuery());
        started.await();

        ticker.advance(Duration.ofSeconds(3));
        await("the task saw the interrupt", () -> events.contains("interrupted"));
        Thread.sleep(100); // several more watchdog rounds

        assertThat(sink.entries).hasSize(1);
        RecordingSink.Entry entry = sink.entries.get(0);
        assertThat(entry.message())
                .startsWith("worker-pool[reports] - task timed out after PT2S on reports-worker-1 (ran 3000 ms)")
                .contains("running 0 cancel action(s) and interrupting");
        assertThat(Arrays.stream(entry.stackTrace().getStackTrace()).map(StackTraceElement::getMethodName))
                .contains("waitForeverInTheQuery");
    }

    @Test
    void runsTheCancelHookGivenToExecute() throws Exception {
        start(config("reports").withWorkers(1));
        CountDownLatch hookRan = new CountDownLatch(1);
        pool.execute(this::waitForeverInTheQuery, hookRan::countDown);
        started.await();

        ticker.advance(Duration.ofSeconds(5));

        assertThat(hookRan.await(10, TimeUnit.SECONDS)).isTrue();
        await("timeout counted", () -> pool.metrics().timedOut() == 1);
    }

    @Test
    void leavesATaskAloneBeforeItsTimeout() throws Exception {
        start(config("reports").withWorkers(1));
        pool.execute(() -> waitForeverInTheQuery());
        started.await();

        ticker.advance(Duration.ofMillis(1999));
        Thread.sleep(300);

        assertThat(pool.metrics().timedOut()).isZero();
        assertThat(sink.entries).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void doesNotLetTheInterruptReachTheNextTaskOnTheSameWorker() throws Exception {
        start(config("reports").withWorkers(1));
        pool.execute(() -> waitForeverInTheQuery());
        started.await();
        ticker.advance(Duration.ofSeconds(3));
        await("the task saw the interrupt", () -> events.contains("interrupted"));

        boolean interrupted = pool.submit(() -> Thread.currentThread().isInterrupted()).get(5, TimeUnit.SECONDS);

        assertThat(interrupted).isFalse();
        assertThat(pool.metrics().completed()).isEqualTo(1);
    }

    @Test
    void runsACancelActionRegisteredAfterTheTimeoutAtOnce() throws Exception {
        start(config("reports").withWorkers(1));
        CountDownLatch timedOut = new CountDownLatch(1);
        pool.execute(context -> {
            started.countDown();
            while (!context.isCancelled()) {
                Thread.onSpinWait();
            }
            timedOut.countDown();
            context.onCancel(() -> events.add("late action ran"));
        });
        started.await();

        ticker.advance(Duration.ofSeconds(3));

        assertThat(timedOut.await(10, TimeUnit.SECONDS)).isTrue();
        await("the late action ran", () -> events.contains("late action ran"));
    }

    @Test
    void keepsTheWorkerBusyWhileATimedOutTaskIgnoresTheInterrupt() throws Exception {
        start(config("reports").withWorkers(1));
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            awaitUninterruptibly(release);
        });
        started.await();

        ticker.advance(Duration.ofSeconds(3));
        await("timeout counted", () -> pool.metrics().timedOut() == 1);

        assertThat(pool.metrics().busy()).isEqualTo(1);
        release.countDown();
        await("the worker is free again", () -> pool.metrics().busy() == 0);
    }

    private Object waitForeverInTheQuery() {
        started.countDown();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            events.add("interrupted");
        }
        return null;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
