package io.nextops.hashing;

/**
 * The outcome of hashing one stream. Thread-safety: immutable.
 *
 * @param algorithm the {@link java.security.MessageDigest} algorithm, e.g. {@code SHA-256}
 * @param digestHex the digest as lower-case hex
 * @param sizeBytes bytes hashed
 * @param type the type sniffed from the first bytes
 */
public record HashResult(String algorithm, String digestHex, long sizeBytes, FileType type) {
    public HashResult {
        if (algorithm == null || algorithm.isBlank()) {
            throw new IllegalArgumentException("algorithm must not be blank, was " + algorithm);
        }
        if (digestHex == null || !Digests.isLowerHex(digestHex)) {
            throw new IllegalArgumentException("digestHex must be non-empty lower-case hex, was " + digestHex);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
        }
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
    }
}
