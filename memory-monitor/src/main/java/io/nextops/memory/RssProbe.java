package io.nextops.memory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the resident set size (RSS) and virtual size of the current process: the one OS-specific reading in a
 * {@link MemorySnapshot}, behind an interface so tests and servers can pass a fake.
 *
 * <p>{@link #platformDefault()} re-reads an open {@code /proc/self/statm} on Linux (a few microseconds; the page size
 * comes from {@code /proc/self/auxv}, so OSHI is not loaded) and falls back to OSHI ({@code OSProcess.getResidentSetSize()/getVirtualSize()}, some hundreds of
 * microseconds) elsewhere.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; the bundled ones are.
 */
@FunctionalInterface
public interface RssProbe {

    /**
     * One reading; {@code -1} means unknown.
     *
     * @param rssBytes     resident set size
     * @param virtualBytes virtual memory size
     */
    record Reading(long rssBytes, long virtualBytes) {
        public Reading {
            if (rssBytes < -1) {
                throw new IllegalArgumentException("rssBytes must be >= -1 (-1 = unknown), was " + rssBytes);
            }
            if (virtualBytes < -1) {
                throw new IllegalArgumentException("virtualBytes must be >= -1 (-1 = unknown), was " + virtualBytes);
            }
        }

        /** A reading with nothing known. */
        public static Reading unknown() {
            return new Reading(-1, -1);
        }
    }

    /** Reads the current values; never throws, returns {@code -1} for what it cannot read. */
    Reading read();

    /** {@code /proc/self/statm} on Linux when readable, else OSHI. */
    static RssProbe platformDefault() {
        Path statm = Path.of("/proc/self/statm");
        if (Files.isReadable(statm)) {
            ProcStatmRssProbe probe = new ProcStatmRssProbe(statm, PageSize.bytes());
            if (probe.read().rssBytes() > 0) {
                return probe;
            }
        }
        return oshi();
    }

    /** OSHI's view of the current process, on any OS OSHI supports. */
    static RssProbe oshi() {
        return new OshiRssProbe();
    }

    /** A probe that always returns the same reading, for tests and demos. */
    static RssProbe fixed(long rssBytes, long virtualBytes) {
        Reading reading = new Reading(rssBytes, virtualBytes);
        return () -> reading;
    }
}
