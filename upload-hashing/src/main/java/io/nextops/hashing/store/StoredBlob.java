package io.nextops.hashing.store;

import io.nextops.hashing.FileType;

/**
 * A blob as stored by {@link BlobStore#put}. Thread-safety: immutable.
 *
 * @param digestHex the content's digest, lower-case hex; the blob's identity
 * @param sizeBytes the content's size in bytes
 * @param type the type sniffed from the content (never from the client's file name or content type)
 * @param key where the store keeps it, derived only from the digest, e.g. {@code ab/cd/abcd...}
 * @param alreadyExisted true when identical content was stored before and this put only deduplicated against it
 */
public record StoredBlob(String digestHex, long sizeBytes, FileType type, String key, boolean alreadyExisted) {
    public StoredBlob {
        if (digestHex == null || digestHex.isEmpty()) {
            throw new IllegalArgumentException("digestHex must not be empty, was " + digestHex);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty, was " + key);
        }
    }
}
