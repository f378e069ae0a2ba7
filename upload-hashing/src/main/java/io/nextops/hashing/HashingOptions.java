package io.nextops.hashing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How {@link UploadHasher} hashes: the {@link MessageDigest} algorithm and the size of the chunks it reads.
 * Start from {@link #defaults()} and change one setting at a time:
 * {@code HashingOptions.defaults().withAlgorithm("SHA-512").withChunkSizeBytes(256 * 1024)}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param algorithm a {@link MessageDigest} algorithm name this JDK provides, e.g. {@code SHA-256}, {@code SHA-1},
 *     {@code SHA-512}, {@code SHA3-256}
 * @param chunkSizeBytes bytes read, hashed and written per step; between {@link #MIN_CHUNK_SIZE_BYTES} (so a
 *     chunk always covers {@link FileType#SNIFF_BYTES}) and {@link #MAX_CHUNK_SIZE_BYTES}; one buffer of this size is
 *     allocated per upload
 */
public record HashingOptions(String algorithm, int chunkSizeBytes) {
    public static final String DEFAULT_ALGORITHM = "SHA-256";
    /** 64 KiB: large enough that per-call overhead vanishes next to SHA-256, small enough for many uploads at once. */
    public static final int DEFAULT_CHUNK_SIZE_BYTES = 64 * 1024;
    public static final int MIN_CHUNK_SIZE_BYTES = FileType.SNIFF_BYTES;
    public static final int MAX_CHUNK_SIZE_BYTES = 16 * 1024 * 1024;

    public HashingOptions {
        if (algorithm == null || algorithm.isBlank()) {
            throw new IllegalArgumentException("algorithm must be a MessageDigest algorithm name, was " + quote(algorithm));
        }
        try {
            MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(
                    "algorithm must be a MessageDigest algorithm this JDK provides, was " + quote(algorithm), e);
        }
        if (chunkSizeBytes < MIN_CHUNK_SIZE_BYTES || chunkSizeBytes > MAX_CHUNK_SIZE_BYTES) {
            throw new IllegalArgumentException("chunkSizeBytes must be between " + MIN_CHUNK_SIZE_BYTES + " and "
                    + MAX_CHUNK_SIZE_BYTES + ", was " + chunkSizeBytes);
        }
    }

    /** SHA-256 in 64 KiB chunks. */
    public static HashingOptions defaults() {
        return new HashingOptions(DEFAULT_ALGORITHM, DEFAULT_CHUNK_SIZE_BYTES);
    }

    public HashingOptions withAlgorithm(String algorithm) {
        return new HashingOptions(algorithm, chunkSizeBytes);
    }

    public HashingOptions withChunkSizeBytes(int chunkSizeBytes) {
        return new HashingOptions(algorithm, chunkSizeBytes);
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
