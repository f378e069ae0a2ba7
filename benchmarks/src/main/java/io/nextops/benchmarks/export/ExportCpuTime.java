package io.nextops.benchmarks.export;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows per CPU-second of the same three variants as {@link ExportBenchmark}, from the exporting thread's CPU time.
 * A complement to JMH on a shared machine: time-slicing by other processes inflates wall-clock time but not this
 * thread's CPU time (cache and SMT contention still leak in).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.nextops.benchmarks.export.ExportCpuTime}
 */
public final class ExportCpuTime {

    private static final int WARMUP_CALLS = 30;
    private static final int MEASURED_CALLS = 5;
    private static final int ROUNDS = 3;

    private ExportCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        ExportBenchmark benchmark = new ExportBenchmark();
        benchmark.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Variant> variants = List.of(new Variant("baselineBufferedWriter", benchmark::baselineBufferedWriter),
                new Variant("csv", benchmark::csv), new Variant("xlsx", benchmark::xlsx));
        for (Variant variant : variants) {
            for (int i = 0; i < WARMUP_CALLS; i++) {
                variant.call().run();
            }
            List<Long> rates = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < MEASURED_CALLS; i++) {
                    variant.call().run();
                }
                long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
                rates.add(Math.round(MEASURED_CALLS * (double) ExportBenchmark.ROWS / (cpuNanos / 1e9)));
            }
            rates.sort(null);
            System.out.printf("%-24s rows per CPU-second: %s, median %,d%n", variant.name(), rates,
                    rates.get(rates.size() / 2));
        }
    }

    private record Variant(String name, Call call) {
    }

    @FunctionalInterface
    private interface Call {
        Object run() throws Exception;
    }
}
