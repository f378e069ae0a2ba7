package io.nextops.hashing;

/**
 * Our side failed: writing the sink or temp file (disk full, permissions), syncing, moving, or reading a stored blob.
 * Partial data is deleted before this propagates. Thread-safety: immutable.
 */
public class StorageException extends HashingException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
