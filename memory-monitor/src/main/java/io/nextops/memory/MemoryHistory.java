package io.nextops.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A fixed-capacity ring buffer of samples kept as parallel primitive arrays, so its footprint is set at construction
 * (about 60 bytes per slot: 720 slots is ~43 KB) and adding never allocates. Thread-safe: one lock, held briefly.
 */
final class MemoryHistory {
    private static final MemoryStatus[] STATUSES = MemoryStatus.values();

    private final int capacity;
    private final long[] epochMillis;
    private final long[] rss;
    private final long[] heapUsed;
    private final long[] heapCommitted;
    private final long[] nonHeapUsed;
    private final long[] direct;
    private final long[] containerUsage;
    private final byte[] status;
    private int next; // slot the next sample goes to
    private int size;

    MemoryHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        epochMillis = new long[capacity];
        rss = new long[capacity];
        heapUsed = new long[capacity];
        heapCommitted = new long[capacity];
        nonHeapUsed = new long[capacity];
        direct = new long[capacity];
        containerUsage = new long[capacity];
        status = new byte[capacity];
    }

    synchronized void add(MemorySample s) {
        int i = next;
        epochMillis[i] = s.timestamp().toEpochMilli();
        rss[i] = s.rssBytes();
        heapUsed[i] = s.heapUsedBytes();
        heapCommitted[i] = s.heapCommittedBytes();
        nonHeapUsed[i] = s.nonHeapUsedBytes();
        direct[i] = s.directBufferBytes();
        containerUsage[i] = s.containerUsageBytes();
        status[i] = (byte) s.status().ordinal();
        next = (i + 1) % capacity;
        if (size < capacity) {
            size++;
        }
    }

    synchronized int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** All samples, oldest first, as an immutable list. */
    synchronized List<MemorySample> toList() {
        List<MemorySample> list = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int i = index(k);
            list.add(new MemorySample(Instant.ofEpochMilli(epochMillis[i]), rss[i], heapUsed[i], heapCommitted[i],
                    nonHeapUsed[i], direct[i], containerUsage[i], STATUSES[status[i]]));
        }
        return Collections.unmodifiableList(list);
    }

    /**
     * Copies the times and RSS of samples taken at or after {@code fromEpochMillis} with a known RSS, oldest first,
     * into the given arrays (each at least {@link #capacity()} long); returns how many were copied.
     */
    synchronized int copyRssSince(long fromEpochMillis, long[] timesOut, long[] rssOut) {
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = index(k);
            if (epochMillis[i] >= fromEpochMillis && rss[i] >= 0) {
                timesOut[n] = epochMillis[i];
                rssOut[n] = rss[i];
                n++;
            }
        }
        return n;
    }

    /** Index of the k-th oldest sample. */
    private int index(int k) {
        int oldest = size < capacity ? 0 : next;
        return (oldest + k) % capacity;
    }
}
