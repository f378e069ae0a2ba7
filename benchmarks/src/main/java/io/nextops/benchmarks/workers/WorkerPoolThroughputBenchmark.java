package io.nextops.benchmarks.workers;

import io.nextops.workers.Lane;
import io.nextops.workers.LaneConfig;
import io.nextops.workers.Lanes;
import io.nextops.workers.LanesConfig;
import io.nextops.workers.WorkerPool;
import io.nextops.workers.WorkerPoolConfig;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Short tasks per second through {@link WorkerPool} (timeout on, recycling off) beside a plain
 * {@link ThreadPoolExecutor} with the same workers and the same bounded queue, in the same run; and through a
 * {@link Lane} of {@link Lanes} with the same pool, reserving nothing ({@code lane}) or 1 KiB per task out of a
 * capacity that never runs short ({@code laneReserving}: the lock and the release of the reservation path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WorkerPoolThroughputBenchmark {

    static final int WORKERS = 4;
    static final int QUEUE = 64;

    @Param({"workerPool", "threadPoolExecutor", "lane", "laneReserving"})
    public String impl;

    private ShortTasks tasks;
    private Executor executor;
    private WorkerPool pool;
    private ThreadPoolExecutor tpe;
    private Lanes lanes;

    @Setup(Level.Trial)
    public void start() {
        tasks = new ShortTasks(QUEUE);
        WorkerPoolConfig config = WorkerPoolConfig.defaults().withName("bench").withWorkers(WORKERS)
                .withQueueCapacity(QUEUE).withTaskTimeout(Duration.ofSeconds(30)).withMaxTasksPerWorker(0);
        if (impl.equals("workerPool")) {
            pool = WorkerPool.start(config);
            executor = pool::execute;
        } else if (impl.startsWith("lane")) {
            lanes = Lanes.start(LanesConfig.of(LaneConfig.defaults("bench").withPool(config).withCapacityBytes(1L << 30)
                    .withMemoryGated(true)), () -> false);
            Lane lane = lanes.lane("bench");
            if (impl.equals("lane")) {
                executor = lane::execute;
            } else {
                executor = task -> lane.execute(1024, context -> task.run());
            }
        } else {
            tpe = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE));
            tpe.prestartAllCoreThreads();
            executor = tpe;
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdown(Duration.ofSeconds(5));
        }
        if (lanes != null) {
            lanes.shutdown(Duration.ofSeconds(5));
        }
        if (tpe != null) {
            tpe.shutdown();
            tpe.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ShortTasks.BATCH)
    public void shortTasks() throws InterruptedException {
        tasks.runBatch(executor);
    }
}
