package io.nextops.benchmarks.workers;

import io.nextops.workers.Lane;
import io.nextops.workers.LaneConfig;
import io.nextops.workers.Lanes;
import io.nextops.workers.LanesConfig;
import io.nextops.workers.WorkerPool;
import io.nextops.workers.WorkerPoolConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A paired companion to the JMH benchmarks for a shared, noisy machine: it alternates short batches through the
 * pool and a plain {@link ThreadPoolExecutor} (same workers, same queue) round after round, so that both see the
 * same background load, and reports the median of the per-round ratios. It also times a pool that recycles after
 * every task, to give the cost of one recycle, and a {@link Lane} with the same pool: tasks reserving nothing
 * (the light lane's path) and tasks reserving 1 KiB out of a capacity that never runs short (the heavy lane's).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.nextops.benchmarks.workers.WorkerPoolPairedRun [rounds] [batch]</pre>
 */
public final class WorkerPoolPairedRun {

    private static final int WORKERS = WorkerPoolThroughputBenchmark.WORKERS;
    private static final int QUEUE = WorkerPoolThroughputBenchmark.QUEUE;
    private static final int RECYCLE_BATCH = 1_000;

    private WorkerPoolPairedRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        WorkerPool pool = start("paired", 0);
        WorkerPool recycling500 = start("paired-r500", 500);
        WorkerPool recyclingEach = start("paired-r1", 1);
        ThreadPoolExecutor tpe = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE));
        tpe.prestartAllCoreThreads();
        ShortTasks tasks = new ShortTasks(QUEUE);
        Executor poolExec = pool::execute;
        Executor r500Exec = recycling500::execute;
        Executor r1Exec = recyclingEach::execute;
        Lanes lanes = Lanes.start(LanesConfig.of(LaneConfig.defaults("paired-lane")
                .withPool(poolConfig("paired-lane", 0)).withCapacityBytes(1L << 30).withMemoryGated(true)), () -> false);
        Lane lane = lanes.lane("paired-lane");
        Executor laneExec = lane::execute;
        Executor reservingExec = task -> lane.execute(1024, context -> task.run());

        for (int i = 0; i < 5; i++) { // warm-up
            nanosPerTask(tasks, poolExec, ShortTasks.BATCH);
            nanosPerTask(tasks, tpe, ShortTasks.BATCH);
            nanosPerTask(tasks, r500Exec, ShortTasks.BATCH);
            nanosPerTask(tasks, r1Exec, RECYCLE_BATCH / 10);
            nanosPerTask(tasks, laneExec, ShortTasks.BATCH);
            nanosPerTask(tasks, reservingExec, ShortTasks.BATCH);
        }
        // nanos per task: pool, tpe, r500, r1; CPU per task: pool, tpe; nanos per task: lane, reserving lane
        List<double[]> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] r = new double[8];
            boolean poolFirst = round % 2 == 0; // alternate the order so neither always runs second
            if (poolFirst) {
                r[0] = nanosPerTask(tasks, poolExec, batch);
                r[4] = lastCpuPerTask;
                r[1] = nanosPerTask(tasks, tpe, batch);
                r[5] = lastCpuPerTask;
            } else {
                r[1] = nanosPerTask(tasks, tpe, batch);
                r[5] = lastCpuPerTask;
                r[0] = nanosPerTask(tasks, poolExec, batch);
                r[4] = lastCpuPerTask;
            }
            r[6] = nanosPerTask(tasks, laneExec, batch);
            r[7] = nanosPerTask(tasks, reservingExec, batch);
            r[2] = nanosPerTask(tasks, r500Exec, batch);
            r[3] = nanosPerTask(tasks, r1Exec, RECYCLE_BATCH);
            results.add(r);
        }
        long recycles = recyclingEach.metrics().recycled();
        long recycled500 = recycling500.metrics().recycled();
        pool.shutdown(Duration.ofSeconds(5));
        recycling500.shutdown(Duration.ofSeconds(5));
        recyclingEach.shutdown(Duration.ofSeconds(5));
        lanes.shutdown(Duration.ofSeconds(5));
        tpe.shutdown();

        double poolOps = 1e9 / median(results, r -> r[0]);
        double tpeOps = 1e9 / median(results, r -> r[1]);
        System.out.printf(Locale.ROOT, "rounds=%d, batch=%d short tasks, workers=%d, queue=%d%n", rounds,
                batch, WORKERS, QUEUE);
        System.out.printf(Locale.ROOT, "workerPool          median %,10.0f tasks/s%n", poolOps);
        System.out.printf(Locale.ROOT, "threadPoolExecutor  median %,10.0f tasks/s%n", tpeOps);
        System.out.printf(Locale.ROOT, "pool / executor     median of per-round ratios %.2f (min %.2f, max %.2f)%n",
                median(results, r -> r[1] / r[0]), min(results, r -> r[1] / r[0]), max(results, r -> r[1] / r[0]));
        System.out.printf(Locale.ROOT, "CPU per task        pool %.0f ns, executor %.0f ns, median per-round ratio executor/pool %.2f%n",
                median(results, r -> r[4]), median(results, r -> r[5]), median(results, r -> r[5] / r[4]));
        System.out.printf(Locale.ROOT, "lane, no reservation median %,10.0f tasks/s, lane / executor median of per-round ratios %.2f%n",
                1e9 / median(results, r -> r[6]), median(results, r -> r[1] / r[6]));
        System.out.printf(Locale.ROOT, "lane, 1 KiB reserved median %,10.0f tasks/s, lane / executor median of per-round ratios %.2f%n",
                1e9 / median(results, r -> r[7]), median(results, r -> r[1] / r[7]));
        System.out.printf(Locale.ROOT, "maxTasks=500+50     median %,10.0f tasks/s, ratio to no recycling %.2f (%d recycles)%n",
                1e9 / median(results, r -> r[2]), median(results, r -> r[0] / r[2]), recycled500);
        System.out.printf(Locale.ROOT, "maxTasks=1          median %,10.0f tasks/s (%d recycles)%n",
                1e9 / median(results, r -> r[3]), recycles);
        System.out.printf(Locale.ROOT, "one recycle costs   median %.1f us of one worker's time "
                + "(per-task time at maxTasks=1 minus without recycling, times %d workers)%n",
                median(results, r -> (r[3] - r[0]) * WORKERS / 1000.0), WORKERS);
    }

    private static WorkerPool start(String name, int maxTasks) {
        return WorkerPool.start(poolConfig(name, maxTasks));
    }

    private static WorkerPoolConfig poolConfig(String name, int maxTasks) {
        return WorkerPoolConfig.defaults().withName(name).withWorkers(WORKERS).withQueueCapacity(QUEUE)
                .withTaskTimeout(Duration.parse(System.getProperty("wp.timeout", "PT30S"))).withMaxTasksPerWorker(maxTasks)
                .withMaxTasksJitter(maxTasks >= 500 ? 50 : 0);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Process CPU nanoseconds per task of the last batch: less sensitive to other tenants than wall time. */
    private static double lastCpuPerTask;

    private static double nanosPerTask(ShortTasks tasks, Executor executor, int count) throws InterruptedException {
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        tasks.runBatch(executor, count);
        long wall = System.nanoTime() - start;
        lastCpuPerTask = (OS.getProcessCpuTime() - cpu) / (double) count;
        return wall / (double) count;
    }

    private interface Metric {
        double of(double[] round);
    }

    private static double median(List<double[]> rounds, Metric metric) {
        double[] values = rounds.stream().mapToDouble(metric::of).sorted().toArray();
        return values[values.length / 2];
    }

    private static double min(List<double[]> rounds, Metric metric) {
        return rounds.stream().mapToDouble(metric::of).min().orElse(Double.NaN);
    }

    private static double max(List<double[]> rounds, Metric metric) {
        return Arrays.stream(rounds.stream().mapToDouble(metric::of).toArray()).max().orElse(Double.NaN);
    }
}
