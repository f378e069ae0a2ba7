package io.nextops.hashing;

import java.io.IOException;

/**
 * Reading the upload's source stream failed, typically because the client dropped the connection mid-upload. Nothing
 * is kept: the blob store deletes its temp file before this propagates. Thread-safety: immutable.
 */
public final class SourceReadException extends HashingException {
    private static final long serialVersionUID = 1L;

    private final long bytesRead;

    public SourceReadException(long bytesRead, IOException cause) {
        super("reading the upload failed after " + bytesRead + " bytes: " + cause.getMessage(), cause);
        this.bytesRead = bytesRead;
    }

    /** Bytes successfully read before the failure. */
    public long bytesRead() {
        return bytesRead;
    }
}
