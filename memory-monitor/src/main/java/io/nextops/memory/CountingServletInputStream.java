package io.nextops.memory;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Counts the bytes read (or skipped) from a servlet input stream, passing everything else, including non-blocking
 * {@code isReady}/{@code setReadListener}, to the container's stream. No buffer. Not for concurrent readers, like the
 * stream it wraps; the count may be read from any thread.
 */
final class CountingServletInputStream extends ServletInputStream {
    private final ServletInputStream delegate;
    private volatile long bytes;

    CountingServletInputStream(ServletInputStream delegate) {
        this.delegate = delegate;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        int b = delegate.read();
        if (b >= 0) {
            bytes++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = delegate.read(b, off, len);
        if (n > 0) {
            bytes += n;
        }
        return n;
    }

    @Override
    public int read(ByteBuffer buffer) throws IOException {
        int n = delegate.read(buffer);
        if (n > 0) {
            bytes += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = delegate.skip(n);
        if (skipped > 0) {
            bytes += skipped;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return delegate.available();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public boolean isFinished() {
        return delegate.isFinished();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setReadListener(ReadListener readListener) {
        delegate.setReadListener(readListener);
    }
}
