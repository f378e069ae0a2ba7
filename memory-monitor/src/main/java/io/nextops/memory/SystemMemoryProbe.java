package io.nextops.memory;

import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;

/**
 * Total and available memory of the machine (or VM); {@link #platformDefault()} reads {@code /proc/meminfo} on Linux
 * and OSHI's {@code GlobalMemory} elsewhere.
 */
interface SystemMemoryProbe {

    /** Values in bytes, -1 = unknown. */
    record SystemMemory(long totalBytes, long availableBytes) {
        static final SystemMemory UNKNOWN = new SystemMemory(-1, -1);
    }

    SystemMemory read();

    /** {@code /proc/meminfo} on Linux when it gives both values, else OSHI. */
    static SystemMemoryProbe platformDefault() {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            ProcMeminfoProbe probe = new ProcMeminfoProbe(meminfo);
            SystemMemory first = probe.read();
            if (first.totalBytes() > 0 && first.availableBytes() >= 0) {
                return probe;
            }
        }
        return oshi();
    }

    /** OSHI-backed; OSHI caches its readings briefly, so frequent calls are cheap. Thread-safe. */
    static SystemMemoryProbe oshi() {
        GlobalMemory memory;
        try {
            memory = new SystemInfo().getHardware().getMemory();
        } catch (RuntimeException | LinkageError e) {
            return () -> SystemMemory.UNKNOWN;
        }
        return () -> {
            try {
                return new SystemMemory(memory.getTotal(), memory.getAvailable());
            } catch (RuntimeException e) {
                return SystemMemory.UNKNOWN;
            }
        };
    }
}
