package io.nextops.memory;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Process, JVM, system and container memory at one instant. Byte counts are in bytes; {@code -1} means unknown (not
 * measurable on this platform, or, for the container limit, no limit).
 *
 * <p>Thread-safety: immutable record, safe to share.
 *
 * @param timestamp            when it was taken
 * @param rssBytes             process resident set size
 * @param virtualBytes         process virtual size
 * @param heapUsedBytes        Java heap in use
 * @param heapCommittedBytes   Java heap committed by the JVM
 * @param heapMaxBytes         Java heap maximum (-Xmx), -1 if undefined
 * @param nonHeapUsedBytes     JVM non-heap in use (metaspace, code cache, ...)
 * @param metaspaceUsedBytes   Metaspace pool in use (includes compressed class space)
 * @param codeCacheUsedBytes   code cache pools in use
 * @param directBufferBytes    direct {@code ByteBuffer} memory
 * @param mappedBufferBytes    memory-mapped buffer memory
 * @param threadCount          live JVM threads
 * @param gcCount              collections so far, all collectors
 * @param gcTimeMillis         time spent collecting so far, all collectors
 * @param systemTotalBytes     physical memory of the machine/VM
 * @param systemAvailableBytes memory available to new processes without swapping
 * @param cgroupVersion        "v2", "v1" or "none"
 * @param containerLimitBytes  cgroup memory limit, -1 when unlimited or unknown
 * @param containerUsageBytes  cgroup memory usage (includes page cache), -1 when unknown
 */
public record MemorySnapshot(Instant timestamp, long rssBytes, long virtualBytes,
                             long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes,
                             long nonHeapUsedBytes, long metaspaceUsedBytes, long codeCacheUsedBytes,
                             long directBufferBytes, long mappedBufferBytes, int threadCount,
                             long gcCount, long gcTimeMillis, long systemTotalBytes, long systemAvailableBytes,
                             String cgroupVersion, long containerLimitBytes, long containerUsageBytes) {

    public MemorySnapshot {
        Objects.requireNonNull(timestamp, "timestamp must not be null");
        Objects.requireNonNull(cgroupVersion, "cgroupVersion must not be null");
        atLeastMinusOne("rssBytes", rssBytes);
        atLeastMinusOne("virtualBytes", virtualBytes);
        atLeastMinusOne("heapUsedBytes", heapUsedBytes);
        atLeastMinusOne("heapCommittedBytes", heapCommittedBytes);
        atLeastMinusOne("heapMaxBytes", heapMaxBytes);
        atLeastMinusOne("nonHeapUsedBytes", nonHeapUsedBytes);
        atLeastMinusOne("metaspaceUsedBytes", metaspaceUsedBytes);
        atLeastMinusOne("codeCacheUsedBytes", codeCacheUsedBytes);
        atLeastMinusOne("directBufferBytes", directBufferBytes);
        atLeastMinusOne("mappedBufferBytes", mappedBufferBytes);
        atLeastMinusOne("threadCount", threadCount);
        atLeastMinusOne("gcCount", gcCount);
        atLeastMinusOne("gcTimeMillis", gcTimeMillis);
        atLeastMinusOne("systemTotalBytes", systemTotalBytes);
        atLeastMinusOne("systemAvailableBytes", systemAvailableBytes);
        atLeastMinusOne("containerLimitBytes", containerLimitBytes);
        atLeastMinusOne("containerUsageBytes", containerUsageBytes);
    }

    private static void atLeastMinusOne(String name, long value) {
        if (value < -1) {
            throw new IllegalArgumentException(name + " must be >= -1 (-1 = unknown), was " + value);
        }
    }

    /** Whether a container memory limit was found. */
    public boolean hasContainerLimit() {
        return containerLimitBytes > 0;
    }

    /**
     * A JSON-ready view: nested maps of strings and numbers, each size as {@code xxxBytes} (long) and {@code xxxMb}
     * (double, MiB, one decimal); unknown values are {@code null}. Serialize it with any JSON library.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("timestamp", timestamp.toString());
        Map<String, Object> process = new LinkedHashMap<>();
        sized(process, "rss", rssBytes);
        sized(process, "virtual", virtualBytes);
        map.put("process", Collections.unmodifiableMap(process));
        Map<String, Object> heap = new LinkedHashMap<>();
        sized(heap, "used", heapUsedBytes);
        sized(heap, "committed", heapCommittedBytes);
        sized(heap, "max", heapMaxBytes);
        map.put("heap", Collections.unmodifiableMap(heap));
        Map<String, Object> nonHeap = new LinkedHashMap<>();
        sized(nonHeap, "used", nonHeapUsedBytes);
        sized(nonHeap, "metaspaceUsed", metaspaceUsedBytes);
        sized(nonHeap, "codeCacheUsed", codeCacheUsedBytes);
        map.put("nonHeap", Collections.unmodifiableMap(nonHeap));
        Map<String, Object> buffers = new LinkedHashMap<>();
        sized(buffers, "direct", directBufferBytes);
        sized(buffers, "mapped", mappedBufferBytes);
        map.put("buffers", Collections.unmodifiableMap(buffers));
        map.put("threadCount", threadCount);
        Map<String, Object> gc = new LinkedHashMap<>();
        gc.put("count", known(gcCount));
        gc.put("timeMillis", known(gcTimeMillis));
        map.put("gc", Collections.unmodifiableMap(gc));
        Map<String, Object> system = new LinkedHashMap<>();
        sized(system, "total", systemTotalBytes);
        sized(system, "available", systemAvailableBytes);
        map.put("system", Collections.unmodifiableMap(system));
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("cgroup", cgroupVersion);
        sized(container, "limit", containerLimitBytes);
        sized(container, "usage", containerUsageBytes);
        map.put("container", Collections.unmodifiableMap(container));
        return Collections.unmodifiableMap(map);
    }

    static void sized(Map<String, Object> map, String name, long bytes) {
        map.put(name + "Bytes", known(bytes));
        map.put(name + "Mb", Units.toMb(bytes));
    }

    private static Long known(long value) {
        return value < 0 ? null : value;
    }
}
