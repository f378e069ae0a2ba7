package io.nextops.hashing;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an upload may be, enforced while it streams: at most {@code maxBytes} bytes (exactly {@code maxBytes} passes,
 * one more fails with {@link SizeLimitExceededException}) and a sniffed {@link FileType} among {@code allowedTypes}
 * (else {@link FileTypeNotAllowedException}). Example for invoices:
 * {@code UploadLimits.defaults().withAllowedTypes(FileType.PDF, FileType.XML, FileType.JSON)}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param maxBytes largest accepted size in bytes, {@code >= 0}; {@link Long#MAX_VALUE} for no limit
 * @param allowedTypes accepted types, not empty; {@link #ALL_TYPES} to accept anything
 */
public record UploadLimits(long maxBytes, Set<FileType> allowedTypes) {
    /** 10 MiB, the per-file limit the NextOps front end has always announced. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final Set<FileType> ALL_TYPES = Collections.unmodifiableSet(EnumSet.allOf(FileType.class));

    public UploadLimits {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
        if (allowedTypes == null || allowedTypes.isEmpty()) {
            throw new IllegalArgumentException("allowedTypes must name at least one FileType, was " + allowedTypes);
        }
        allowedTypes = Collections.unmodifiableSet(EnumSet.copyOf(allowedTypes));
    }

    /** 10 MiB, any type. */
    public static UploadLimits defaults() {
        return new UploadLimits(DEFAULT_MAX_BYTES, ALL_TYPES);
    }

    /** No size limit, any type: for hashing content that is already trusted. */
    public static UploadLimits unlimited() {
        return new UploadLimits(Long.MAX_VALUE, ALL_TYPES);
    }

    public UploadLimits withMaxBytes(long maxBytes) {
        return new UploadLimits(maxBytes, allowedTypes);
    }

    public UploadLimits withAllowedTypes(Set<FileType> allowedTypes) {
        return new UploadLimits(maxBytes, allowedTypes);
    }

    public UploadLimits withAllowedTypes(FileType first, FileType... more) {
        EnumSet<FileType> types = EnumSet.of(first);
        types.addAll(Arrays.asList(more));
        return new UploadLimits(maxBytes, types);
    }

    /** Whether {@code type} is accepted. */
    public boolean allows(FileType type) {
        return allowedTypes.contains(type);
    }
}
