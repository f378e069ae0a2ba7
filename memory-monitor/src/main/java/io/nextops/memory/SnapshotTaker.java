package io.nextops.memory;

import java.lang.management.MemoryUsage;
import java.time.Clock;

/** Puts one {@link MemorySnapshot} together from the probes. Thread-safe (all parts are). */
final class SnapshotTaker {
    private final RssProbe rssProbe;
    private final SystemMemoryProbe systemProbe;
    private final CgroupReader cgroupReader;
    private final JvmMemoryReader jvm;
    private final Clock clock;

    SnapshotTaker(RssProbe rssProbe, SystemMemoryProbe systemProbe, CgroupReader cgroupReader, JvmMemoryReader jvm,
                  Clock clock) {
        this.rssProbe = rssProbe;
        this.systemProbe = systemProbe;
        this.cgroupReader = cgroupReader;
        this.jvm = jvm;
        this.clock = clock;
    }

    MemorySnapshot take() {
        RssProbe.Reading process = rssProbe.read();
        MemoryUsage heap = jvm.heap();
        SystemMemoryProbe.SystemMemory system = systemProbe.read();
        CgroupMemory cgroup = cgroupReader.read();
        return new MemorySnapshot(clock.instant(), process.rssBytes(), process.virtualBytes(),
                JvmMemoryReader.known(heap.getUsed()), JvmMemoryReader.known(heap.getCommitted()),
                JvmMemoryReader.known(heap.getMax()), jvm.nonHeapUsedBytes(), jvm.metaspaceUsedBytes(),
                jvm.codeCacheUsedBytes(), jvm.directBufferBytes(), jvm.mappedBufferBytes(), jvm.threadCount(),
                jvm.gcCount(), jvm.gcTimeMillis(), system.totalBytes(), system.availableBytes(),
                cgroup.version(), cgroup.limitBytes(), cgroup.usageBytes());
    }

    /** Just RSS and heap: what the request logging filter needs on a sampled request. */
    RssProbe.Reading process() {
        return rssProbe.read();
    }

    MemoryUsage heap() {
        return jvm.heap();
    }

    CgroupMemory cgroup() {
        return cgroupReader.read();
    }
}
