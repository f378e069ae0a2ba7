package io.nextops.hashing.store;

import io.nextops.hashing.HashingException;
import io.nextops.hashing.UploadLimits;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Content-addressed storage of uploads: a blob's key is derived from its digest only, identical content is stored
 * once, and a put reads its source exactly once, hashing, counting, limiting and writing in the same pass.
 * {@link FileSystemBlobStore} is the real implementation.
 *
 * <h2>Blob and database row together</h2>
 * An upload endpoint must never leave a blob without its row nor a row without its blob. Use
 * {@link #put(InputStream, UploadLimits, BlobCallback)} and commit the row inside the callback:
 * <pre>{@code
 * long fileId = store.put(in, limits, blob -> jdbi.inTransaction(h -> files.insertOrReuse(h, blob)));
 * }</pre>
 * The blob is in place before the callback runs (so a crash after the row commits cannot lose the content); if the
 * callback throws, the blob is deleted again unless {@link StoredBlob#alreadyExisted()}, and the exception
 * propagates. While the callback runs, other puts and deletes of the same digest through this store wait, so a
 * concurrent upload of the same content cannot see a blob that is about to be rolled back. The one gap left is a
 * process crash between the blob landing and the row committing: that leaves an orphan blob (garbage, never a dangling
 * row), which a later upload of the same content adopts.
 *
 * <p>Errors are {@link HashingException}s: size or type refused, source failed (client gone), storage failed. In
 * every case no partial or temporary data is left behind.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface BlobStore {

    /**
     * Stores {@code content} (read to its end, not closed) and returns the stored blob. Prefer
     * {@link #put(InputStream, UploadLimits, BlobCallback)} when a database row must follow the blob: deleting the blob
     * yourself after a failed transaction races with a concurrent upload of the same content.
     */
    default StoredBlob put(InputStream content, UploadLimits limits) {
        return put(content, limits, blob -> blob);
    }

    /**
     * Stores {@code content} (read to its end, not closed), then calls {@code callback} with the stored blob and
     * returns what it returns. If the callback throws, a blob this call created is deleted and the exception
     * propagates unchanged. See the class comment for the recommended pattern.
     */
    <R, X extends Exception> R put(InputStream content, UploadLimits limits, BlobCallback<R, X> callback) throws X;

    /**
     * Opens the blob for reading; the caller closes the stream.
     *
     * @throws io.nextops.hashing.BlobNotFoundException when nothing is stored under {@code digestHex}
     * @throws IllegalArgumentException when {@code digestHex} is not a well-formed digest of this store's algorithm
     */
    InputStream open(String digestHex);

    boolean exists(String digestHex);

    /** The blob's size in bytes, or empty when it is not stored. */
    OptionalLong size(String digestHex);

    /** Deletes the blob; returns false when it was not stored. Only delete when no row references the digest. */
    boolean delete(String digestHex);
}
