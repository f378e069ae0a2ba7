package io.nextops.memory;

import oshi.software.os.linux.LinuxOperatingSystem;

/** The OS page size, from OSHI on Linux; 4096 when it cannot be had. */
final class PageSize {
    private PageSize() {
    }

    static long bytes() {
        try {
            long size = LinuxOperatingSystem.getPageSize();
            return size > 0 ? size : 4096;
        } catch (RuntimeException | LinkageError e) {
            return 4096;
        }
    }
}
