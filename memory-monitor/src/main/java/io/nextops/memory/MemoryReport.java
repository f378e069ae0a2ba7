package io.nextops.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a health endpoint shows: a fresh snapshot, its status against the budget, advice, the latest leak trend
 * and the background history.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param snapshot        a fresh snapshot
 * @param status          its status
 * @param budgetBytes     the budget the status was computed against, -1 when none (absolute bands)
 * @param budgetSource    "container", "configured" or "none"
 * @param recommendations advice, empty when there is nothing to say
 * @param leakTrend       the rising-RSS trend the background sampler last found, if any
 * @param history         background samples, oldest first (empty when the sampler is not started)
 */
public record MemoryReport(MemorySnapshot snapshot, MemoryStatus status, long budgetBytes, String budgetSource,
                           List<String> recommendations, Optional<LeakTrend> leakTrend, List<MemorySample> history) {

    public MemoryReport {
        Objects.requireNonNull(snapshot, "snapshot must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(budgetSource, "budgetSource must not be null");
        recommendations = List.copyOf(recommendations);
        Objects.requireNonNull(leakTrend, "leakTrend must not be null");
        history = List.copyOf(history);
    }

    /** A copy without the history, for a compact response. */
    public MemoryReport withoutHistory() {
        return new MemoryReport(snapshot, status, budgetBytes, budgetSource, recommendations, leakTrend, List.of());
    }

    /**
     * JSON-ready view: {@code status}, {@code budget}, {@code snapshot} ({@link MemorySnapshot#toMap()}),
     * {@code recommendations}, {@code leakTrend} (null when none) and {@code history}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", status.name());
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("source", budgetSource);
        budget.put("bytes", budgetBytes > 0 ? budgetBytes : null);
        budget.put("mb", budgetBytes > 0 ? Units.toMb(budgetBytes) : null);
        map.put("budget", Collections.unmodifiableMap(budget));
        map.put("snapshot", snapshot.toMap());
        map.put("recommendations", recommendations);
        map.put("leakTrend", leakTrend.map(LeakTrend::toMap).orElse(null));
        List<Map<String, Object>> points = new ArrayList<>(history.size());
        for (MemorySample sample : history) {
            points.add(sample.toMap());
        }
        map.put("history", Collections.unmodifiableList(points));
        return Collections.unmodifiableMap(map);
    }
}
