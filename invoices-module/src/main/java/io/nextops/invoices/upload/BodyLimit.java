package io.nextops.invoices.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body, failing with {@link TooLarge} as soon as more than {@code maxBytes} were read: the total-request
 * limit enforced while streaming, whatever the Content-Length said (or when there was none). Not thread-safe.
 */
final class BodyLimit extends FilterInputStream {
    /** The body passed the request limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long maxBytes) {
            super("request body larger than " + maxBytes + " bytes");
        }
    }

    private final long maxBytes;
    private long count;

    BodyLimit(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    private void count(long n) throws TooLarge {
        count += n;
        if (count > maxBytes) {
            throw new TooLarge(maxBytes);
        }
    }

    /** Whether {@code t} or one of its causes is a {@link TooLarge}. */
    static boolean isCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }
}
