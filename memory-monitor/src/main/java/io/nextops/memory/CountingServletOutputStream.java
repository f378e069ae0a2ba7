package io.nextops.memory;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Counts the bytes written through a servlet output stream and passes everything (writes, flushes, non-blocking
 * {@code isReady}/{@code setWriteListener}) straight to the container's stream; it holds no buffer. Like the stream it
 * wraps, not for concurrent writers; the count may be read from any thread.
 */
final class CountingServletOutputStream extends ServletOutputStream {
    private final ServletOutputStream delegate;
    private volatile long bytes;

    CountingServletOutputStream(ServletOutputStream delegate) {
        this.delegate = delegate;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void write(int b) throws IOException {
        delegate.write(b);
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        delegate.write(b, off, len);
        bytes += len;
    }

    @Override
    public void write(ByteBuffer buffer) throws IOException {
        int len = buffer.remaining();
        delegate.write(buffer);
        bytes += len - buffer.remaining();
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        delegate.setWriteListener(writeListener);
    }
}
