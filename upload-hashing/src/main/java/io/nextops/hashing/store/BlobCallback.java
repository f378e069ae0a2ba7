package io.nextops.hashing.store;

/**
 * Work done with a blob that has just been put, typically inserting and committing its database row; see
 * {@link BlobStore#put(java.io.InputStream, io.nextops.hashing.UploadLimits, BlobCallback)}.
 *
 * <p>Thread-safety: called once, on the thread that called {@code put}, while puts of the same digest wait.
 *
 * @param <R> what the callback returns, passed through by {@code put}
 * @param <X> the checked exception it may throw, passed through by {@code put}
 */
@FunctionalInterface
public interface BlobCallback<R, X extends Exception> {
    R withBlob(StoredBlob blob) throws X;
}
