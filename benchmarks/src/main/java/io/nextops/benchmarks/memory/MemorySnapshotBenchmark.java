package io.nextops.benchmarks.memory;

import io.nextops.memory.MemoryConfig;
import io.nextops.memory.MemoryMonitor;
import io.nextops.memory.MemorySnapshot;
import io.nextops.memory.MemoryStatus;
import io.nextops.memory.RssProbe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** Cost of one full memory snapshot, of its status, and of the two RSS probes on their own. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class MemorySnapshotBenchmark {
    private MemoryMonitor monitor;
    private RssProbe platformProbe;
    private RssProbe oshiProbe;

    @Setup
    public void setUp() {
        monitor = MemoryMonitor.create(MemoryConfig.defaults());
        platformProbe = RssProbe.platformDefault();
        oshiProbe = RssProbe.oshi();
    }

    @TearDown
    public void tearDown() {
        monitor.close();
    }

    @Benchmark
    public MemorySnapshot snapshot() {
        return monitor.snapshot();
    }

    @Benchmark
    public MemoryStatus status() {
        return monitor.status();
    }

    @Benchmark
    public RssProbe.Reading rssPlatformDefault() {
        return platformProbe.read();
    }

    @Benchmark
    public RssProbe.Reading rssOshi() {
        return oshiProbe.read();
    }
}
