package io.nextops.workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Separate {@link Lane}s of work, each with its own {@link WorkerPool} (workers and bounded queue) so that light work
 * (lists, details, health) never waits behind heavy work (exports, uploads, imports), and with memory reservations
 * so that heavy work is admitted before it runs only while what it declares it may hold fits the lane's share of
 * the memory budget. A caller-supplied memory-pressure hook (e.g. "the memory status is CRITICAL") refuses new work
 * in the memory-gated lanes while it returns true.
 *
 * <p>This example is compiled and run by the module's tests, as in the README ({@code seen} collects what it
 * observed for the test's assertions):
 *
 * <pre>{@code
 * AtomicBoolean memoryCritical = new AtomicBoolean();  // e.g. set when the memory status turns CRITICAL
 * LanesConfig config = LanesConfig.defaults()          // light: 6 workers; heavy: 2 workers, 256 MiB
 *         .withLane(LanesConfig.defaults().lane("heavy").withCapacityBytes(64L << 20));
 * try (Lanes lanes = Lanes.start(config, memoryCritical::get)) {
 *     Lane light = lanes.lane("light");
 *     Lane heavy = lanes.lane("heavy");
 *     Path csv = Files.createTempFile("invoices", ".csv");
 *     CompletableFuture<Long> exported = heavy.submit(16L << 20, task -> {  // may hold up to 16 MiB
 *         try (BufferedWriter out = Files.newBufferedWriter(csv)) {      // IOException fails the future
 *             for (int row = 0; row < 10_000 && !task.isCancelled(); row++) {
 *                 out.write(row + ",INV-" + row + "\n");
 *             }
 *         }
 *         return Files.size(csv);
 *     });
 *     CompletableFuture<String> listed = light.submit(() -> "page 1 of invoices"); // never behind heavy work
 *     try {
 *         heavy.submit(128L << 20, task -> "never runs");
 *     } catch (ReservationRejectedException e) {
 *         seen.add(e.reason());      // RESERVATION_TOO_LARGE: can never fit the lane's 64 MiB
 *     }
 *     memoryCritical.set(true);
 *     try {
 *         heavy.execute(1L << 20, task -> { });
 *     } catch (RejectedTaskException e) {
 *         seen.add(e.reason());      // MEMORY_UNAVAILABLE: answer 503 with Retry-After
 *     }
 *     seen.add(listed.get());
 *     seen.add(exported.get());      // its 16 MiB were released before the future completed
 *     Files.delete(csv);
 *     LaneMetrics m = lanes.metrics().get(1);  // busy, queued, waitingForMemory, reservedBytes, rejected(reason)
 *     seen.add(m.reservedBytes());
 *     seen.add(m.rejected());
 * }
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class Lanes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lanes.class);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(30);

    private final LanesConfig config;
    private final List<Lane> lanes;
    private final Map<String, Lane> byName;
    private final Object shutdownLock = new Object();
    private Map<String, ShutdownReport> shutdownReports; // guarded by shutdownLock

    private Lanes(LanesConfig config, List<Lane> lanes) {
        this.config = config;
        this.lanes = List.copyOf(lanes);
        Map<String, Lane> map = new LinkedHashMap<>();
        for (Lane lane : lanes) {
            map.put(lane.name(), lane);
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /** Starts every lane's pool; no memory-pressure hook, so memory-gated lanes are limited by their reservations only. */
    public static Lanes start(LanesConfig config) {
        return start(config, () -> false);
    }

    /**
     * Starts every lane's pool, in order. {@code memoryPressure} is asked on every submission to a memory-gated
     * lane (so it must be quick, e.g. a volatile read of the last memory status, and must not throw); while it
     * returns true, the lane refuses with {@link RejectedTaskException.Reason#MEMORY_UNAVAILABLE}.
     *
     * @throws IllegalArgumentException if an argument is null
     * @throws WorkerPoolException      if a pool cannot start (the ones already started are shut down)
     */
    public static Lanes start(LanesConfig config, BooleanSupplier memoryPressure) {
        if (config == null || memoryPressure == null) {
            throw new IllegalArgumentException("config and memoryPressure must not be null");
        }
        List<Lane> started = new ArrayList<>();
        try {
            for (LaneConfig lane : config.lanes()) {
                started.add(new Lane(lane, WorkerPool.start(lane.pool()), memoryPressure));
                log.info("worker-pool[{}] - lane: capacityBytes={}, overflow={}, memoryGated={}", lane.name(),
                        lane.capacityBytes(), lane.overflow(), lane.memoryGated());
            }
        } catch (RuntimeException | Error e) {
            for (Lane lane : started) {
                lane.pool().shutdown(Duration.ZERO);
            }
            throw e;
        }
        return new Lanes(config, started);
    }

    /**
     * The lane named {@code name}; look it up once and keep it.
     *
     * @throws IllegalArgumentException if there is no such lane
     */
    public Lane lane(String name) {
        Lane lane = byName.get(name);
        if (lane == null) {
            throw new IllegalArgumentException("lane must be one of " + byName.keySet() + ", was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        return lane;
    }

    /** The lanes, in configuration order. */
    public List<Lane> lanes() {
        return lanes;
    }

    public LanesConfig config() {
        return config;
    }

    /** A lock-free snapshot of every lane, in configuration order. */
    public List<LaneMetrics> metrics() {
        List<LaneMetrics> metrics = new ArrayList<>(lanes.size());
        for (Lane lane : lanes) {
            metrics.add(lane.metrics());
        }
        return metrics;
    }

    /**
     * Stops every lane accepting at once, fails the tasks still waiting for memory (their futures fail with
     * {@link RejectedTaskException.Reason#SHUTDOWN}), then lets every pool drain within the one shared
     * {@code deadline}, as {@link WorkerPool#shutdown(Duration)} does. Calling it again returns the first reports.
     *
     * @return each lane's report by lane name, in configuration order
     */
    public Map<String, ShutdownReport> shutdown(Duration deadline) {
        if (deadline == null || deadline.isNegative()) {
            throw new IllegalArgumentException("deadline must be >= 0, was " + deadline);
        }
        synchronized (shutdownLock) {
            if (shutdownReports == null) {
                long end = System.nanoTime() + saturatedNanos(deadline);
                for (Lane lane : lanes) {
                    lane.pool().stopAccepting();
                    lane.close();
                }
                Map<String, ShutdownReport> reports = new LinkedHashMap<>();
                for (Lane lane : lanes) {
                    long left = Math.max(0, end - System.nanoTime());
                    reports.put(lane.name(), lane.pool().shutdown(Duration.ofNanos(left)));
                }
                shutdownReports = Collections.unmodifiableMap(reports);
            }
            return shutdownReports;
        }
    }

    /** {@code shutdown(30 s)}. */
    @Override
    public void close() {
        shutdown(CLOSE_DEADLINE);
    }

    @Override
    public String toString() {
        return "Lanes" + metrics();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }
}
