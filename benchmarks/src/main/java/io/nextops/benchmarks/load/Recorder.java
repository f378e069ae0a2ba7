package io.nextops.benchmarks.load;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts requests by endpoint and status and keeps their latencies (bounded: at most {@link #MAX_SAMPLES} per
 * endpoint, later ones counted but not kept). Thread-safe.
 */
final class Recorder {
    static final int MAX_SAMPLES = 200_000;

    private final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, Latencies> latencies = new ConcurrentHashMap<>();

    /** {@code status} 0 stands for a transport failure (connection refused, reset, timeout). */
    void record(String endpoint, int status, long nanos) {
        byStatus.computeIfAbsent(endpoint + " " + (status == 0 ? "io-error" : Integer.toString(status)),
                k -> new LongAdder()).increment();
        latencies.computeIfAbsent(endpoint, k -> new Latencies()).add(nanos);
    }

    long count(String endpoint, int status) {
        LongAdder a = byStatus.get(endpoint + " " + status);
        return a == null ? 0 : a.sum();
    }

    long total(java.util.function.Predicate<String> statusKey) {
        return byStatus.entrySet().stream().filter(e -> statusKey.test(e.getKey()))
                .mapToLong(e -> e.getValue().sum()).sum();
    }

    void print(PrintStream out) {
        out.println("requests by endpoint and status:");
        new TreeMap<>(byStatus).forEach((k, v) -> out.printf("  %-28s %8d%n", k, v.sum()));
        out.println("latency (ms)                     n      p50      p95      p99      max");
        new TreeMap<>(latencies).forEach((k, l) -> {
            long[] s = l.sorted();
            if (s.length > 0) {
                out.printf("  %-22s %8d %8.1f %8.1f %8.1f %8.1f%n", k, s.length, ms(pct(s, 50)), ms(pct(s, 95)),
                        ms(pct(s, 99)), ms(s[s.length - 1]));
            }
        });
    }

    /** The sorted latencies of every endpoint whose name starts with {@code prefix} (e.g. {@code list-}). */
    long[] sortedOf(String prefix) {
        List<Long> all = new ArrayList<>();
        latencies.forEach((k, l) -> {
            if (k.startsWith(prefix)) {
                for (long v : l.sorted()) {
                    all.add(v);
                }
            }
        });
        long[] a = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static final class Latencies {
        private final List<Long> samples = new ArrayList<>();

        synchronized void add(long nanos) {
            if (samples.size() < MAX_SAMPLES) {
                samples.add(nanos);
            }
        }

        synchronized long[] sorted() {
            long[] a = samples.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(a);
            return a;
        }
    }
}
