package io.nextops.benchmarks.workers;

import io.nextops.workers.WorkerPool;
import io.nextops.workers.WorkerPoolConfig;
import java.time.Duration;
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
 * The cost of recycling: short-task throughput when every worker retires after {@code maxTasks} tasks, against
 * never recycling (0). With maxTasks = 1 every task pays one thread hand-over, so
 * {@code 1/throughput(1) - 1/throughput(0)} is the time one recycle adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WorkerPoolRecycleBenchmark {

    @Param({"0", "1", "500"})
    public int maxTasks;

    private ShortTasks tasks;
    private WorkerPool pool;

    @Setup(Level.Trial)
    public void start() {
        tasks = new ShortTasks(WorkerPoolThroughputBenchmark.QUEUE);
        pool = WorkerPool.start(WorkerPoolConfig.defaults().withName("recycle")
                .withWorkers(WorkerPoolThroughputBenchmark.WORKERS).withQueueCapacity(WorkerPoolThroughputBenchmark.QUEUE)
                .withTaskTimeout(Duration.ofSeconds(30)).withMaxTasksPerWorker(maxTasks).withMaxTasksJitter(0));
    }

    @TearDown(Level.Trial)
    public void stop() {
        System.out.println("\nrecycled=" + pool.metrics().recycled() + " completed=" + pool.metrics().completed());
        pool.shutdown(Duration.ofSeconds(5));
    }

    @Benchmark
    @OperationsPerInvocation(ShortTasks.BATCH)
    public void shortTasks() throws InterruptedException {
        tasks.runBatch(pool::execute);
    }
}
