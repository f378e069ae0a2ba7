package io.nextops.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Linux: RSS and virtual size from {@code /proc/self/statm} (pages). The file is opened once and re-read with a
 * positional read, which makes procfs regenerate it: a few microseconds, against tens for open/read/close of
 * {@code /proc/self/status}, which matters on the sampled-request path. Thread-safe: positional reads do not share a
 * file position, and a channel closed by an interrupted reader is reopened.
 */
final class ProcStatmRssProbe implements RssProbe {
    private final Path file;
    private final long pageSizeBytes;
    private volatile FileChannel channel;

    ProcStatmRssProbe(Path file, long pageSizeBytes) {
        this.file = file;
        this.pageSizeBytes = pageSizeBytes;
    }

    @Override
    public Reading read() {
        ByteBuffer buffer = ByteBuffer.allocate(128);
        try {
            try {
                channel().read(buffer, 0);
            } catch (ClosedChannelException e) {
                // FileChannel closes itself when a reading thread is interrupted: reopen once
                reopen();
                buffer.clear();
                channel().read(buffer, 0);
            }
        } catch (IOException | RuntimeException e) {
            return Reading.unknown();
        }
        return parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII), pageSizeBytes);
    }

    private FileChannel channel() throws IOException {
        FileChannel c = channel;
        if (c == null) {
            synchronized (this) {
                c = channel;
                if (c == null) {
                    c = FileChannel.open(file, StandardOpenOption.READ);
                    channel = c;
                }
            }
        }
        return c;
    }

    private synchronized void reopen() throws IOException {
        FileChannel c = channel;
        if (c == null || !c.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
    }

    /** "size resident shared text lib data dt" in pages; the first two are virtual size and RSS. */
    static Reading parse(String statm, long pageSizeBytes) {
        String[] fields = statm.trim().split("\\s+");
        if (fields.length < 2) {
            return Reading.unknown();
        }
        return new Reading(pages(fields[1], pageSizeBytes), pages(fields[0], pageSizeBytes));
    }

    private static long pages(String field, long pageSizeBytes) {
        try {
            long pages = Long.parseLong(field);
            return pages < 0 ? -1 : Math.multiplyExact(pages, pageSizeBytes);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }
}
