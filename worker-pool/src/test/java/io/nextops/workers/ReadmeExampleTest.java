package io.nextops.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code README.md}, {@link WorkerPool}'s and {@link Lanes}' javadoc, compiled and run. The code
 * between {@code // snippet:<name>} and {@code // end:<name>} is what the documents show; {@link ReadmeSnippetsTest}
 * fails when they differ. {@code seen} collects what the example observed, for the assertions.
 */
class ReadmeExampleTest {

    @Test
    void runsThePoolExample() throws Exception {
        List<Object> seen = new ArrayList<>();
        Path csv = Files.createTempFile("invoices", ".csv");
        try {
            pool(csv, seen);
            assertThat(seen).containsExactly(11L, 1L, "workers=4 busy=0", true);
            assertThat(Files.readString(csv)).isEqualTo("1,INV-0001\n");
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    @Test
    void runsTheLanesExample() throws Exception {
        List<Object> seen = new ArrayList<>();

        lanes(seen);

        assertThat(seen).containsExactly(RejectedTaskException.Reason.RESERVATION_TOO_LARGE,
                RejectedTaskException.Reason.MEMORY_UNAVAILABLE, "page 1 of invoices", 137_780L, 0L, 2L);
    }

    static void pool(Path csv, List<Object> seen) throws Exception {
        // snippet:pool
        WorkerPool pool = WorkerPool.start(WorkerPoolConfig.defaults()
                .withName("exports").withWorkers(4).withQueueCapacity(32)
                .withTaskTimeout(Duration.ofSeconds(30)).withMaxTasksPerWorker(500).withMaxTasksJitter(50));
        try {
            CompletableFuture<Integer> written = pool.submit(task -> {  // a ContextualTask may throw IOException
                try (FileChannel out = FileChannel.open(csv, StandardOpenOption.WRITE)) {
                    task.onCancel(() -> closeQuietly(out));  // at the timeout: after the stack is logged, before the interrupt
                    return out.write(ByteBuffer.wrap("1,INV-0001\n".getBytes(StandardCharsets.UTF_8)));
                }
            });
            seen.add(written.get().longValue());             // 11 bytes; a thrown exception fails the future
            pool.execute(() -> seen.add(1L));                // fire and forget: a failure is logged at ERROR
        } catch (RejectedTaskException e) {
            // e.reason() is QUEUE_FULL (every worker busy, the queue full) or SHUTDOWN; e.getMessage():
            // worker-pool[exports] - task rejected: queue full (workers=4, busy=4, queued=32, queueCapacity=32)
        }
        ShutdownReport done = pool.shutdown(Duration.ofSeconds(30)); // drains the queue first
        WorkerPoolMetrics m = pool.metrics();  // workers, busy, queued, completed, rejected, timedOut, recycled, failed
        seen.add("workers=" + m.workers() + " busy=" + m.busy());
        seen.add(done.clean());                // nothing interrupted or dropped
        // end:pool
    }

    static void lanes(List<Object> seen) throws Exception {
        // snippet:lanes
        AtomicBoolean memoryCritical = new AtomicBoolean();  // e.g. set when the memory status turns CRITICAL
        LanesConfig config = LanesConfig.defaults()          // light: 6 workers; heavy: 2 workers, 256 MiB
                .withLane(LanesConfig.defaults().lane("heavy").withCapacityBytes(64L << 20));
        try (Lanes lanes = Lanes.start(config, memoryCritical::get)) {
            Lane light = lanes.lane("light");
            Lane heavy = lanes.lane("heavy");
            Path csv = Files.createTempFile("invoices", ".csv");
            CompletableFuture<Long> exported = heavy.submit(16L << 20, task -> {  // may hold up to 16 MiB
                try (BufferedWriter out = Files.newBufferedWriter(csv)) {      // IOException fails the future
                    for (int row = 0; row < 10_000 && !task.isCancelled(); row++) {
                        out.write(row + ",INV-" + row + "\n");
                    }
                }
                return Files.size(csv);
            });
            CompletableFuture<String> listed = light.submit(() -> "page 1 of invoices"); // never behind heavy work
            try {
                heavy.submit(128L << 20, task -> "never runs");
            } catch (ReservationRejectedException e) {
                seen.add(e.reason());      // RESERVATION_TOO_LARGE: can never fit the lane's 64 MiB
            }
            memoryCritical.set(true);
            try {
                heavy.execute(1L << 20, task -> { });
            } catch (RejectedTaskException e) {
                seen.add(e.reason());      // MEMORY_UNAVAILABLE: answer 503 with Retry-After
            }
            seen.add(listed.get());
            seen.add(exported.get());      // its 16 MiB were released before the future completed
            Files.delete(csv);
            LaneMetrics m = lanes.metrics().get(1);  // busy, queued, waitingForMemory, reservedBytes, rejected(reason)
            seen.add(m.reservedBytes());
            seen.add(m.rejected());
        }
        // end:lanes
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the task is being cancelled; closing is all that matters
        }
    }
}
