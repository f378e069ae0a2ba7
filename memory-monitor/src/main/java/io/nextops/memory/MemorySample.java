package io.nextops.memory;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One point of the background {@link MemoryMonitor#history() history}: the few figures worth charting. Bytes, -1 =
 * unknown.
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param timestamp           when it was taken
 * @param rssBytes            process resident set size
 * @param heapUsedBytes       Java heap in use
 * @param heapCommittedBytes  Java heap committed
 * @param nonHeapUsedBytes    JVM non-heap in use
 * @param directBufferBytes   direct buffer memory
 * @param containerUsageBytes cgroup memory usage
 * @param status              the status at that time
 */
public record MemorySample(Instant timestamp, long rssBytes, long heapUsedBytes, long heapCommittedBytes,
                           long nonHeapUsedBytes, long directBufferBytes, long containerUsageBytes,
                           MemoryStatus status) {

    public MemorySample {
        Objects.requireNonNull(timestamp, "timestamp must not be null");
        Objects.requireNonNull(status, "status must not be null");
    }

    static MemorySample of(MemorySnapshot s, MemoryStatus status) {
        return new MemorySample(s.timestamp(), s.rssBytes(), s.heapUsedBytes(), s.heapCommittedBytes(),
                s.nonHeapUsedBytes(), s.directBufferBytes(), s.containerUsageBytes(), status);
    }

    /** JSON-ready view: {@code timestamp}, {@code status} and each size as {@code xxxBytes} and {@code xxxMb}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("timestamp", timestamp.toString());
        map.put("status", status.name());
        MemorySnapshot.sized(map, "rss", rssBytes);
        MemorySnapshot.sized(map, "heapUsed", heapUsedBytes);
        MemorySnapshot.sized(map, "heapCommitted", heapCommittedBytes);
        MemorySnapshot.sized(map, "nonHeapUsed", nonHeapUsedBytes);
        MemorySnapshot.sized(map, "directBuffer", directBufferBytes);
        MemorySnapshot.sized(map, "containerUsage", containerUsageBytes);
        return Collections.unmodifiableMap(map);
    }
}
