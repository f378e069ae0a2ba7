package io.nextops.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much the live heap of this JVM grows while something runs: the used heap after a full GC is read at the start
 * and then every {@code every} on a daemon thread until {@link #close()}; {@link #growthBytes()} is the highest reading
 * over the first. For the constant-memory tests of streamed uploads and downloads.
 *
 * <pre>{@code
 * try (HeapPeak heap = HeapPeak.start(Duration.ofMillis(100))) {
 *     store.put(content, limits);
 *     heap.close();
 *     assertThat(heap.growthBytes()).isLessThan(16L << 20);
 * }
 * }</pre>
 */
public final class HeapPeak implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long baseline;
    private final AtomicLong peak;
    private final Thread sampler;

    private HeapPeak(Duration every) {
        System.gc();
        baseline = memory.getHeapMemoryUsage().getUsed();
        peak = new AtomicLong(baseline);
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Reads the baseline now and samples every {@code every} until closed. */
    public static HeapPeak start(Duration every) {
        return new HeapPeak(every);
    }

    /** The highest post-GC heap reading over the baseline, in bytes (final once closed). */
    public long growthBytes() {
        return peak.get() - baseline;
    }

    /** Stops sampling (idempotent). */
    @Override
    public void close() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
    }
}
