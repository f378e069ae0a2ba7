package io.nextops.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Advice derived from a snapshot, in the spirit of check_memory.py's tips, for a JVM. Stateless. */
final class Recommendations {
    static final int MANY_THREADS = 400;

    private Recommendations() {
    }

    static List<String> of(MemorySnapshot s, MemoryStatus status, Budget budget, Thresholds thresholds,
                           Optional<LeakTrend> trend) {
        List<String> advice = new ArrayList<>();
        String rss = Units.formatMb(s.rssBytes());
        String budgetText = budget.bytes() > 0
                ? Units.formatMb(budget.bytes()) + " " + budget.source() + " budget"
                : "absolute bands (no budget)";
        if (status == MemoryStatus.CRITICAL) {
            advice.add("RSS " + rss + " is in the CRITICAL band of the " + budgetText + ": the process is close to an"
                    + " OOM kill or swapping; lower concurrency (worker pool sizes, concurrent exports) or raise the"
                    + " memory limit.");
        } else if (status == MemoryStatus.WARNING) {
            advice.add("RSS " + rss + " is in the WARNING band of the " + budgetText + ": watch the memory history"
                    + " for a steady rise before it becomes critical.");
        }
        if (budget.bytes() <= 0 && thresholds.relativeToBudget()) {
            advice.add("No container memory limit and no MEMORY_BUDGET_MB: the status uses the absolute fallback"
                    + " bands; set MEMORY_BUDGET_MB to the memory this process really has.");
        }
        if (budget.bytes() > 0 && s.heapMaxBytes() > 0 && s.heapMaxBytes() > budget.bytes() * 3 / 4) {
            advice.add("Max heap " + Units.formatMb(s.heapMaxBytes()) + " is over 75% of the budget "
                    + Units.formatMb(budget.bytes()) + ": leave room for metaspace, thread stacks, direct buffers and"
                    + " the code cache (e.g. -XX:MaxRAMPercentage=60 or a lower -Xmx).");
        }
        if (s.heapMaxBytes() > 0 && s.heapUsedBytes() >= 0 && s.heapUsedBytes() > s.heapMaxBytes() * 85 / 100) {
            advice.add(String.format(Locale.ROOT, "Heap is %d%% full (%s of %s): find what is retained"
                            + " (jcmd <pid> GC.class_histogram) before raising -Xmx.",
                    s.heapUsedBytes() * 100 / s.heapMaxBytes(), Units.formatMb(s.heapUsedBytes()),
                    Units.formatMb(s.heapMaxBytes())));
        }
        long directLimit = budget.bytes() > 0 ? budget.bytes() / 10 : 256 * Units.BYTES_PER_MB;
        if (s.directBufferBytes() > directLimit) {
            advice.add("Direct buffers hold " + Units.formatMb(s.directBufferBytes()) + ": cap them with"
                    + " -XX:MaxDirectMemorySize and check that channels and pooled buffers are released.");
        }
        if (s.threadCount() > MANY_THREADS) {
            advice.add(s.threadCount() + " live threads, each with its own stack: bound the thread pools.");
        }
        if (s.systemTotalBytes() > 0 && s.systemAvailableBytes() >= 0
                && s.systemAvailableBytes() < s.systemTotalBytes() / 10) {
            advice.add("The machine has only " + Units.formatMb(s.systemAvailableBytes()) + " available of "
                    + Units.formatMb(s.systemTotalBytes()) + ": other processes compete for memory.");
        }
        trend.ifPresent(t -> advice.add(t.describe() + ": if it does not level off, compare two heap histograms"
                + " taken minutes apart (jcmd <pid> GC.class_histogram)."));
        return Collections.unmodifiableList(advice);
    }
}
