package io.nextops.memory;

import java.io.IOException;
import java.io.Reader;

/** Counts what is read from the container's request reader, as bytes in the request's encoding (see
 * {@link CountingPrintWriter}). Not for concurrent readers. */
final class CountingReader extends Reader {
    private final Reader delegate;
    private final boolean utf8;
    private volatile long bytes;

    CountingReader(Reader delegate, boolean utf8) {
        this.delegate = delegate;
        this.utf8 = utf8;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = delegate.read(cbuf, off, len);
        if (n > 0) {
            bytes += utf8 ? Utf8.length(cbuf, off, off + n) : n;
        }
        return n;
    }

    @Override
    public boolean ready() throws IOException {
        return delegate.ready();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
