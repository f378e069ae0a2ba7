package io.nextops.memory;

/** Byte arithmetic and formatting; MB here always means MiB (2^20 bytes), as in the original psutil figures. */
final class Units {
    static final long BYTES_PER_MB = 1024L * 1024L;

    private Units() {
    }

    static long mbToBytes(long mb) {
        return Math.multiplyExact(mb, BYTES_PER_MB);
    }

    /** Megabytes rounded to one decimal, or {@code null} for an unknown (negative) value; JSON-friendly. */
    static Double toMb(long bytes) {
        if (bytes < 0) {
            return null;
        }
        return Math.round(bytes * 10.0 / BYTES_PER_MB) / 10.0;
    }

    /** "512.3MB", or "n/a" for an unknown (negative) value. */
    static String formatMb(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        // by hand: String.format costs about a microsecond, and the sampled-request line formats four of these
        long tenths = Math.round(bytes * 10.0 / BYTES_PER_MB);
        return (tenths / 10) + "." + (tenths % 10) + "MB";
    }
}
