package io.nextops.server.budget;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this JVM's heap cap fits the memory budget. A plain {@code java -jar} on a large machine lets the heap grow
 * to a quarter of the RAM, so the process outgrows any small budget during a burst; {@link #atStart} logs one WARN
 * naming the budget, the heap found and the command to use instead, and keeps the result for
 * {@code /health/memory}.
 *
 * <p>Tolerance: {@code Runtime.maxMemory()} under {@code -Xmx96m} reads a little less (one survivor space is not
 * counted), so a heap fits when it is at most 1/8 above the derived heap.
 *
 * <p>Thread-safety: immutable record; the kept result is published through a volatile field.
 *
 * @param budget       the budget
 * @param maxHeapBytes the heap cap found, {@code Runtime.getRuntime().maxMemory()}
 */
public record HeapCheck(MemoryBudget budget, long maxHeapBytes) {
    private static final Logger LOG = LoggerFactory.getLogger("io.nextops.startup");
    private static volatile HeapCheck latest;

    public HeapCheck {
        if (budget == null) {
            throw new IllegalArgumentException("budget must not be null");
        }
        if (maxHeapBytes < 1) {
            throw new IllegalArgumentException("maxHeapBytes must be >= 1, was " + maxHeapBytes);
        }
    }

    /** Checks this JVM, logs the WARN when the heap does not fit, keeps the result for {@link #latest()}. */
    public static HeapCheck atStart(MemoryBudget budget) {
        HeapCheck check = new HeapCheck(budget, Runtime.getRuntime().maxMemory());
        check.warning().ifPresent(LOG::warn);
        latest = check;
        return check;
    }

    /** The result of the last {@link #atStart} in this JVM, empty before it ran (tests, other subcommands). */
    public static Optional<HeapCheck> latest() {
        return Optional.ofNullable(latest);
    }

    public boolean fits() {
        return maxHeapBytes <= budget.heapBytes() + budget.heapBytes() / 8;
    }

    public long maxHeapMb() {
        return maxHeapBytes >> 20;
    }

    /** The warning, when the heap does not fit. */
    public Optional<String> warning() {
        if (fits()) {
            return Optional.empty();
        }
        return Optional.of("memory budget is " + budget.mb() + " MB (" + describeSource() + ") but this JVM's heap may "
                + "grow to " + maxHeapMb() + " MB (Runtime.maxMemory), so the process can outgrow its budget. Start it "
                + "with the launcher, which derives the JVM options from MEMORY_BUDGET_MB: "
                + "bin/nextops-server serve (in the distribution server/target/nextops-server-<version>/), or add "
                + "these options to java -jar: " + String.join(" ", budget.jvmOptions()));
    }

    /** For {@code /health/memory}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fits", fits());
        m.put("budgetMb", budget.mb());
        m.put("budgetSource", budget.source().name().toLowerCase(java.util.Locale.ROOT));
        m.put("maxHeapMb", maxHeapMb());
        m.put("derivedHeapMb", budget.heapMb());
        warning().ifPresent(w -> m.put("warning", w));
        m.put("derived", budget.describe());
        return m;
    }

    private String describeSource() {
        return switch (budget.source()) {
            case CONFIGURED -> "MEMORY_BUDGET_MB";
            case CGROUP -> "the cgroup memory limit";
            case DEFAULT -> "the default; set MEMORY_BUDGET_MB";
        };
    }
}
