package io.nextops.hashing;

/**
 * The upload has more than {@link UploadLimits#maxBytes()} bytes. Thrown as soon as the first byte past the limit is
 * read, so at most one byte beyond the limit is ever taken from the source; whatever was written so far is discarded
 * by the blob store. Thread-safety: immutable.
 */
public final class SizeLimitExceededException extends HashingException {
    private static final long serialVersionUID = 1L;

    private final long maxBytes;
    private final long bytesSeen;

    public SizeLimitExceededException(long maxBytes, long bytesSeen) {
        super("upload exceeds the size limit: maxBytes=" + maxBytes + ", read at least " + bytesSeen + " bytes");
        this.maxBytes = maxBytes;
        this.bytesSeen = bytesSeen;
    }

    /** The limit that was exceeded. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Bytes read when the limit tripped: always greater than {@link #maxBytes()}, a lower bound of the real size. */
    public long bytesSeen() {
        return bytesSeen;
    }
}
