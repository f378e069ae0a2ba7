package io.nextops.memory;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/** Reads the JVM's own memory figures through the platform MXBeans (looked up once). Thread-safe. */
final class JvmMemoryReader {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<MemoryPoolMXBean> metaspacePools = new ArrayList<>();
    private final List<MemoryPoolMXBean> codeCachePools = new ArrayList<>();
    private final BufferPoolMXBean directPool;
    private final BufferPoolMXBean mappedPool;

    JvmMemoryReader() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.NON_HEAP) {
                continue;
            }
            String name = pool.getName();
            if (name.equals("Metaspace")) {
                metaspacePools.add(pool);
            } else if (name.startsWith("CodeHeap") || name.equals("Code Cache")) {
                codeCachePools.add(pool);
            }
        }
        BufferPoolMXBean direct = null;
        BufferPoolMXBean mapped = null;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool;
            } else if (pool.getName().equals("mapped")) {
                mapped = pool;
            }
        }
        this.directPool = direct;
        this.mappedPool = mapped;
    }

    /** Heap usage only: the cheap part, used by the request logging filter. */
    MemoryUsage heap() {
        return memory.getHeapMemoryUsage();
    }

    long nonHeapUsedBytes() {
        return known(memory.getNonHeapMemoryUsage().getUsed());
    }

    long metaspaceUsedBytes() {
        return usedSum(metaspacePools);
    }

    long codeCacheUsedBytes() {
        return usedSum(codeCachePools);
    }

    long directBufferBytes() {
        return directPool == null ? -1 : known(directPool.getMemoryUsed());
    }

    long mappedBufferBytes() {
        return mappedPool == null ? -1 : known(mappedPool.getMemoryUsed());
    }

    int threadCount() {
        return threads.getThreadCount();
    }

    long gcCount() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    long gcTimeMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    private static long usedSum(List<MemoryPoolMXBean> pools) {
        if (pools.isEmpty()) {
            return -1;
        }
        long sum = 0;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage usage = pool.getUsage();
            if (usage != null) {
                sum += Math.max(0, usage.getUsed());
            }
        }
        return sum;
    }

    static long known(long value) {
        return value < 0 ? -1 : value;
    }
}
