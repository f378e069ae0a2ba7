package io.nextops.memory;

import java.io.PrintWriter;

/**
 * A {@link PrintWriter} over the container's writer that counts what passes through, as bytes in the response's
 * encoding: exact for UTF-8 and single-byte encodings, one byte per character for others. Flushes and errors pass
 * through ({@code checkError()} sees the container writer's state). Not for concurrent writers.
 */
final class CountingPrintWriter extends PrintWriter {
    private final boolean utf8;
    private volatile long bytes;

    CountingPrintWriter(PrintWriter delegate, boolean utf8) {
        super(delegate, false);
        this.utf8 = utf8;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void write(int c) {
        super.write(c);
        bytes += utf8 ? Utf8.length(c) : 1;
    }

    @Override
    public void write(char[] buf, int off, int len) {
        super.write(buf, off, len);
        bytes += utf8 ? Utf8.length(buf, off, off + len) : len;
    }

    @Override
    public void write(String s, int off, int len) {
        super.write(s, off, len);
        bytes += utf8 ? Utf8.length(s, off, off + len) : len;
    }

    @Override
    public void println() {
        // PrintWriter.println() writes the separator to the underlying writer directly; route it through write()
        write(System.lineSeparator());
    }
}
