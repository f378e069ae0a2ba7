package io.nextops.hashing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An {@link OutputStream} that hashes, counts, size-checks and sniffs every byte, then passes it on to a sink: for
 * code that pushes bytes (a multipart parser writing a part) rather than handing over an {@link java.io.InputStream}.
 * Create one with {@link UploadHasher#hashingStream(OutputStream, UploadLimits)}, write, then call {@link #result()}.
 *
 * <p>A write that would pass {@code maxBytes} throws {@link SizeLimitExceededException} before reaching the sink.
 * The type is enforced once {@link FileType#SNIFF_BYTES} bytes have been written (or at {@link #result()} for shorter
 * content), so up to that many bytes may reach the sink before {@link FileTypeNotAllowedException}: the caller owns
 * the sink and discards it on failure. {@link #close()} closes the sink. IOExceptions of the sink propagate unchanged.
 *
 * <p>Thread-safety: not thread-safe; one writer at a time, like any OutputStream.
 */
public final class HashingOutputStream extends OutputStream {
    private final UploadDigest state;
    private final OutputStream sink;
    private final byte[] one = new byte[1];
    private HashResult result;

    HashingOutputStream(UploadDigest state, OutputStream sink) {
        this.state = state;
        this.sink = sink;
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (result != null) {
            throw new IllegalStateException("result() was already called; no more bytes can be hashed");
        }
        Objects.checkFromIndexSize(off, len, b.length);
        state.accept(b, off, len);
        sink.write(b, off, len);
    }

    /** Bytes written so far. */
    public long bytesWritten() {
        return state.count();
    }

    /** Finishes the digest (once; later calls return the same result) and checks the type of short content. */
    public HashResult result() {
        if (result == null) {
            result = state.finish();
        }
        return result;
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
