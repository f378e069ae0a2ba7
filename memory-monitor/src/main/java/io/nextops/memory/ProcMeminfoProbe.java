package io.nextops.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux: total and available memory from {@code /proc/meminfo} ({@code MemTotal}, {@code MemAvailable}, in kB), the
 * same lines OSHI reads there, without loading OSHI and JNA. Thread-safe: stateless apart from the path.
 */
final class ProcMeminfoProbe implements SystemMemoryProbe {
    private final Path file;

    ProcMeminfoProbe(Path file) {
        this.file = file;
    }

    @Override
    public SystemMemory read() {
        try {
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return SystemMemory.UNKNOWN;
        }
    }

    /** {@code MemTotal} and {@code MemAvailable} in bytes, -1 for a line that is missing or garbled. */
    static SystemMemory parse(String meminfo) {
        long total = -1;
        long available = -1;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                total = kilobytes(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kilobytes(line);
            }
        }
        return new SystemMemory(total, available);
    }

    /** "MemTotal:       24684028 kB" -> bytes. */
    private static long kilobytes(String line) {
        String[] fields = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        try {
            long kb = Long.parseLong(fields[0]);
            return kb < 0 ? -1 : Math.multiplyExact(kb, 1024L);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }
}
