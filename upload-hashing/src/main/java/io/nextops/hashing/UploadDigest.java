package io.nextops.hashing;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Running state of one upload: digest, byte count, size limit and type sniffing. Every byte passes through
 * {@link #accept} exactly once, before it reaches any sink, so a limit or type violation is raised before the
 * offending chunk is written.
 */
final class UploadDigest {
    private final String algorithm;
    private final MessageDigest digest;
    private final UploadLimits limits;
    private final byte[] head = new byte[FileType.SNIFF_BYTES];
    private int headLength;
    private FileType type;
    private long count;

    UploadDigest(String algorithm, UploadLimits limits) {
        this.algorithm = algorithm;
        this.digest = Digests.newDigest(algorithm);
        this.limits = limits;
    }

    /**
     * How many bytes to ask the source for next: a full chunk, or one byte past what the limit still allows, so an
     * oversized upload is detected having read at most one extra byte.
     */
    int nextReadLength(int chunkSizeBytes) {
        long remaining = limits.maxBytes() - count;
        return remaining >= chunkSizeBytes ? chunkSizeBytes : (int) remaining + 1;
    }

    void accept(byte[] b, int off, int len) {
        if (len > limits.maxBytes() - count) {
            throw new SizeLimitExceededException(limits.maxBytes(), count + len);
        }
        if (type == null && len > 0) {
            int take = Math.min(len, head.length - headLength);
            System.arraycopy(b, off, head, headLength, take);
            headLength += take;
            if (headLength == head.length) {
                decideType();
            }
        }
        digest.update(b, off, len);
        count += len;
    }

    /** Decides the type from the bytes seen so far (call at end of input) and enforces the allow-list. */
    void decideType() {
        if (type == null) {
            type = FileType.detect(head, headLength);
            if (!limits.allows(type)) {
                throw new FileTypeNotAllowedException(type, limits.allowedTypes());
            }
        }
    }

    long count() {
        return count;
    }

    HashResult finish() {
        decideType();
        return new HashResult(algorithm, HexFormat.of().formatHex(digest.digest()), count, type);
    }
}
