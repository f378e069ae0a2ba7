package io.nextops.memory;

import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;

/** Total and available memory of the machine (or VM); the default reads OSHI's {@code GlobalMemory}. */
interface SystemMemoryProbe {

    /** Values in bytes, -1 = unknown. */
    record SystemMemory(long totalBytes, long availableBytes) {
        static final SystemMemory UNKNOWN = new SystemMemory(-1, -1);
    }

    SystemMemory read();

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
