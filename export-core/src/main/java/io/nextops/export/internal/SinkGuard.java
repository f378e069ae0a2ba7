package io.nextops.export.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Wraps the caller's stream: counts bytes, remembers the first {@link IOException} and fails fast after it so no
 * writer keeps pushing bytes at a dead client, and never closes the caller's stream. Not API.
 *
 * <p>Thread-safety: not thread-safe; owned by the exporting thread.
 */
public final class SinkGuard extends OutputStream {

    private final OutputStream delegate;
    private long bytesWritten;
    private IOException failure;

    public SinkGuard(OutputStream delegate) {
        this.delegate = Objects.requireNonNull(delegate, "out");
    }

    @Override
    public void write(int b) throws IOException {
        checkAlive();
        try {
            delegate.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
        bytesWritten++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkAlive();
        try {
            delegate.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
        bytesWritten += len;
    }

    @Override
    public void flush() throws IOException {
        checkAlive();
        try {
            delegate.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Does not close the caller's stream: the caller owns it. */
    @Override
    public void close() {
        // intentionally empty
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** The first exception the caller's stream threw, or {@code null}. */
    public IOException failure() {
        return failure;
    }

    private void checkAlive() throws IOException {
        if (failure != null) {
            throw new IOException("output stream already failed", failure);
        }
    }

    private IOException failed(IOException e) {
        failure = e;
        return e;
    }
}
