package io.nextops.memory;

import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** RSS and virtual size of the current process through OSHI. Thread-safe: reads are serialized. */
final class OshiRssProbe implements RssProbe {
    private final OSProcess process;

    OshiRssProbe() {
        OSProcess p = null;
        try {
            OperatingSystem os = new SystemInfo().getOperatingSystem();
            p = os.getProcess(os.getProcessId());
        } catch (RuntimeException | LinkageError e) {
            // unsupported platform or no native access: every read is "unknown"
        }
        this.process = p;
    }

    @Override
    public synchronized Reading read() {
        if (process == null) {
            return Reading.unknown();
        }
        try {
            if (!process.updateAttributes()) {
                return Reading.unknown();
            }
            return new Reading(nonNegative(process.getResidentSetSize()), nonNegative(process.getVirtualSize()));
        } catch (RuntimeException e) {
            return Reading.unknown();
        }
    }

    private static long nonNegative(long value) {
        return value < 0 ? -1 : value;
    }
}
