package io.nextops.memory;

import java.util.List;
import java.util.Optional;

/**
 * What the background sampler does with each snapshot: adds it to the history, logs status changes, and looks for a
 * leak trend, warning at most once per leak window while the trend lasts. Thread-safe: {@link #record} is serialized.
 */
final class HistoryRecorder {
    private final MemoryHistory history;
    private final LeakDetector detector;
    private final MemoryLog log;
    private final long[] times;
    private final long[] rss;
    private MemoryStatus lastStatus;
    private long lastLeakWarningMillis = Long.MIN_VALUE;
    private volatile Optional<LeakTrend> trend = Optional.empty();

    HistoryRecorder(MemoryHistory history, LeakDetector detector, MemoryLog log) {
        this.history = history;
        this.detector = detector;
        this.log = log;
        this.times = new long[history.capacity()];
        this.rss = new long[history.capacity()];
    }

    synchronized void record(MemorySnapshot snapshot, MemoryStatus status, Budget budget) {
        history.add(MemorySample.of(snapshot, status));
        logStatusChange(snapshot, status, budget);
        long now = snapshot.timestamp().toEpochMilli();
        int n = history.copyRssSince(now - detector.window().toMillis(), times, rss);
        Optional<LeakTrend> found = detector.evaluate(times, rss, n);
        trend = found;
        boolean quietLongEnough = lastLeakWarningMillis == Long.MIN_VALUE
                || now - lastLeakWarningMillis >= detector.window().toMillis();
        if (found.isPresent() && quietLongEnough) {
            lastLeakWarningMillis = now;
            log.log(MemoryLog.Level.WARN, "memory leak suspected: " + found.get().describe()
                    + "; heap used " + Units.formatMb(snapshot.heapUsedBytes()) + ", non-heap "
                    + Units.formatMb(snapshot.nonHeapUsedBytes()) + ", direct "
                    + Units.formatMb(snapshot.directBufferBytes()));
        }
    }

    private void logStatusChange(MemorySnapshot s, MemoryStatus status, Budget budget) {
        MemoryStatus previous = lastStatus;
        lastStatus = status;
        if (previous == status || previous == null && !status.isAtLeastWarning()) {
            return;
        }
        MemoryLog.Level level = status == MemoryStatus.CRITICAL ? MemoryLog.Level.ERROR
                : status == MemoryStatus.WARNING && (previous == null || previous.compareTo(status) < 0)
                ? MemoryLog.Level.WARN : MemoryLog.Level.INFO;
        log.log(level, "memory status " + (previous == null ? "" : previous + " -> ") + status
                + ": rss=" + Units.formatMb(s.rssBytes())
                + " budget=" + (budget.bytes() > 0 ? Units.formatMb(budget.bytes()) + " (" + budget.source() + ")"
                : "none")
                + " heapUsed=" + Units.formatMb(s.heapUsedBytes())
                + " heapCommitted=" + Units.formatMb(s.heapCommittedBytes())
                + " containerUsage=" + Units.formatMb(s.containerUsageBytes()));
    }

    Optional<LeakTrend> trend() {
        return trend;
    }

    List<MemorySample> samples() {
        return history.toList();
    }
}
