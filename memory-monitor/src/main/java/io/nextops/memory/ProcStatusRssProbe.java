package io.nextops.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Linux: VmRSS and VmSize from {@code /proc/self/status} (values in kB). Stateless, so thread-safe. */
final class ProcStatusRssProbe implements RssProbe {
    private final Path statusFile;

    ProcStatusRssProbe(Path statusFile) {
        this.statusFile = statusFile;
    }

    @Override
    public Reading read() {
        try {
            return parse(Files.readString(statusFile));
        } catch (IOException | RuntimeException e) {
            return Reading.unknown();
        }
    }

    static Reading parse(String status) {
        long rss = -1;
        long vsz = -1;
        int lineStart = 0;
        while (lineStart < status.length()) {
            int lineEnd = status.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = status.length();
            }
            if (status.startsWith("VmRSS:", lineStart)) {
                rss = kilobytes(status, lineStart + 6, lineEnd);
            } else if (status.startsWith("VmSize:", lineStart)) {
                vsz = kilobytes(status, lineStart + 7, lineEnd);
            }
            lineStart = lineEnd + 1;
        }
        return new Reading(rss, vsz);
    }

    /** "   123456 kB" to bytes, or -1. */
    private static long kilobytes(String s, int from, int to) {
        String field = s.substring(from, to).trim();
        if (field.endsWith("kB")) {
            field = field.substring(0, field.length() - 2).trim();
        }
        try {
            long kb = Long.parseLong(field);
            return kb < 0 ? -1 : Math.multiplyExact(kb, 1024L);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }
}
