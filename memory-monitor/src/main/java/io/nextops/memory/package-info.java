/**
 * Memory monitoring of the NextOps server process. The entry point is {@link io.nextops.memory.MemoryMonitor}:
 *
 * <pre>{@code
 * MemoryConfig config = MemoryConfig.fromEnv(System.getenv());  // or MemoryConfig.defaults().withBudgetMb(1024)
 * try (MemoryMonitor monitor = MemoryMonitor.create(config).start()) {
 *     MemorySnapshot now = monitor.snapshot();                    // RSS, heap, non-heap, buffers, GC, cgroup
 *     MemoryStatus status = monitor.status(now);                  // EXCELLENT / GOOD / WARNING / CRITICAL
 *     List<String> advice = monitor.recommendations(now);
 *     Map<String, Object> json = monitor.report().toMap();        // for /health/memory, via any JSON library
 *     Filter logging = monitor.requestLoggingFilter();            // 1% of requests log a memory line
 *     Filter sizes = monitor.sizeMonitorFilter();                 // warns on bodies > 10 MiB, never buffers
 * }
 * }</pre>
 *
 * Public types: {@code MemoryMonitor}, its config ({@code MemoryConfig}, {@code Thresholds}), its values
 * ({@code MemorySnapshot}, {@code MemoryStatus}, {@code MemorySample}, {@code LeakTrend}, {@code MemoryReport}) and the
 * one pluggable part, {@code RssProbe}. Everything else is package-private.
 */
package io.nextops.memory;
