package io.nextops.workers;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Fakes and helpers shared by the pool tests. */
final class PoolFixtures {

    private PoolFixtures() {
    }

    /** A ticker that moves only when told to. */
    static final class ManualTicker implements Ticker {
        private final AtomicLong now = new AtomicLong(1_000_000_000L);

        @Override
        public long nanoTime() {
            return now.get();
        }

        void advance(Duration by) {
            now.addAndGet(by.toNanos());
        }
    }

    /** Records what the pool would log at WARN when it gives up on a task. */
    static final class RecordingSink implements StackTraceSink {
        record Entry(String message, Throwable stackTrace) {
        }

        final List<Entry> entries = new CopyOnWriteArrayList<>();

        @Override
        public void taskCancelled(String message, Throwable stackTrace) {
            entries.add(new Entry(message, stackTrace));
        }
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }

    static WorkerPoolConfig config(String name) {
        return WorkerPoolConfig.defaults().withName(name).withTaskTimeout(Duration.ZERO).withMaxTasksPerWorker(0)
                .withMaxTasksJitter(0);
    }

    static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }
}
